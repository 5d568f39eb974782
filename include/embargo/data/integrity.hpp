// embargo: the integrity pass over one symbol: gaps, bad prints, stale runs, splits, vendor
// mismatches; repairs by policy; a report of what was found and decided.
#ifndef EMBARGO_DATA_INTEGRITY_HPP
#define EMBARGO_DATA_INTEGRITY_HPP

#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <embargo/core/enum_names.hpp>
#include <embargo/data/bars.hpp>
#include <embargo/data/calendar.hpp>
#include <embargo/data/gaps.hpp>
#include <embargo/data/outliers.hpp>
#include <embargo/data/split_detection.hpp>
#include <embargo/data/stale.hpp>
#include <embargo/data/vendor_mismatch.hpp>

namespace embargo {

enum class outlier_policy { flag, winsorize, drop };

template <>
struct enum_names<outlier_policy> {
  static constexpr std::array<std::pair<std::string_view, outlier_policy>, 3> entries{
      {{"flag", outlier_policy::flag}, {"winsorize", outlier_policy::winsorize}, {"drop", outlier_policy::drop}}};
};

/// Which vendor's bars become the clean series when a reference is given.
enum class primary_source {
  input,         ///< always the input (the reference only serves the comparison)
  fewer_issues,  ///< the vendor with fewer missing bars, spikes and stale bars (ties: the input)
};

struct integrity_options {
  std::int64_t interval = 0;        ///< expected seconds between bars; 0: the median spacing
  int weekends_closed = -1;         ///< -1: closed for daily bars, open for intraday; 0 / 1: as given
  std::vector<timestamp> holidays;  ///< dates without bars
  bool repair_gaps = true;          ///< fill small gaps with synthetic bars (ffill of close, volume 0)
  gap_repair_options gaps{};
  hampel_options outliers{};
  outlier_policy spikes = outlier_policy::winsorize;  ///< what happens to a spike's bar
  bool adjust_splits = true;
  split_options splits{};
  stale_options stale{};
  vendor_mismatch_options vendor{};
  double max_mismatch_share = 0.02; ///< above it the symbol is dropped (vendors disagree too often)
  primary_source primary = primary_source::input;
};

/// Positions are those of the primary series (the input unless reference_was_primary).
struct integrity_report {
  std::string symbol;
  std::size_t bars_in = 0, bars_out = 0;
  std::int64_t interval = 0;
  std::vector<gap> gaps;
  std::size_t filled_bars = 0;
  std::vector<std::size_t> segment_starts;  ///< in the output series
  std::vector<return_outlier> spikes, jumps;
  std::vector<split_event> splits;
  std::vector<stale_run> stale;
  bool compared_with_reference = false;
  bool reference_was_primary = false;  ///< primary_source::fewer_issues chose the reference
  vendor_comparison vendor;
  bool keep = true;
  std::vector<std::string> reasons;  ///< why the symbol is dropped (empty when kept)
};

struct integrity_result {
  bars clean;
  std::vector<bool> synthetic;  ///< per bar of `clean`: inserted by gap repair
  integrity_report report;
};

namespace detail {
/// Missing bars + spikes + stale bars: what makes one vendor's series worse than another's.
inline std::size_t count_issues(const bars& b, const trading_calendar& cal, std::int64_t interval,
                                const integrity_options& opt) {
  std::size_t n = 0;
  for (const auto& g : find_gaps(b, cal, interval)) n += static_cast<std::size_t>(g.missing);
  for (const auto& o : find_return_outliers(b.close, opt.outliers)) n += o.kind == outlier_kind::spike;
  for (const auto& r : find_stale_runs(b, opt.stale)) n += r.length;
  return n;
}
}  // namespace detail

/// Runs the whole pass. `reference` (may be null) is a second vendor for the same symbol.
inline integrity_result check_integrity(const bars& given, const bars* reference, const integrity_options& opt = {}) {
  // The options' domains, checked before any work (a negative max_fill would fill nothing silently).
  detail::require(opt.interval >= 0, "check_integrity: interval must be >= 0 seconds (0: the median spacing), got " +
                                         std::to_string(opt.interval));
  detail::require(opt.gaps.max_fill >= 0, "check_integrity: max_fill must be >= 0 bars, got " + std::to_string(opt.gaps.max_fill));
  detail::require(std::isfinite(opt.vendor.threshold) && opt.vendor.threshold >= 0,
                  "check_integrity: the vendor mismatch threshold must be a finite number >= 0, got " + std::to_string(opt.vendor.threshold));
  detail::require(opt.max_mismatch_share >= 0 && opt.max_mismatch_share <= 1,
                  "check_integrity: max_mismatch_share must be in [0, 1], got " + std::to_string(opt.max_mismatch_share));
  validate_bars(given);
  if (reference) validate_bars(*reference);
  const bars* primary = &given;
  bool swapped = false;
  if (reference && opt.primary == primary_source::fewer_issues) {
    const std::int64_t iv = opt.interval > 0 ? opt.interval : infer_interval(given);
    const trading_calendar c(opt.weekends_closed < 0 ? iv % 86400 == 0 : opt.weekends_closed == 1, opt.holidays);
    if (detail::count_issues(*reference, c, iv, opt) < detail::count_issues(given, c, iv, opt)) {
      primary = reference, reference = &given, swapped = true;
    }
  }
  const bars& input = *primary;
  integrity_result res;
  auto& rep = res.report;
  rep.symbol = input.symbol;
  rep.reference_was_primary = swapped;
  rep.bars_in = input.size();
  rep.interval = opt.interval > 0 ? opt.interval : (input.size() >= 2 ? infer_interval(input) : 86400);
  const bool weekends_closed = opt.weekends_closed < 0 ? rep.interval % 86400 == 0 : opt.weekends_closed == 1;
  const trading_calendar cal(weekends_closed, opt.holidays);

  rep.gaps = find_gaps(input, cal, rep.interval);
  for (const auto& o : find_return_outliers(input.close, opt.outliers))
    (o.kind == outlier_kind::spike ? rep.spikes : rep.jumps).push_back(o);
  rep.splits = find_splits(input.close, rep.jumps, opt.splits);
  rep.stale = find_stale_runs(input, opt.stale);
  if (reference) {
    rep.vendor = compare_vendors(input, *reference, opt.vendor);
    rep.compared_with_reference = true;
    if (rep.vendor.mismatch_share() > opt.max_mismatch_share) {
      rep.keep = false;
      rep.reasons.push_back("vendors disagree on " + std::to_string(rep.vendor.mismatches.size()) + " of " +
                            std::to_string(rep.vendor.common_bars) + " bars (more than " +
                            std::to_string(opt.max_mismatch_share * 100) + " %)");
    }
  }

  bars work = input;
  std::vector<bool> dropped(work.size(), false);
  for (const auto& s : rep.spikes) {
    const std::size_t t = s.index;
    if (opt.spikes == outlier_policy::winsorize) {
      // The bad print becomes the last good close; the bar's range, which the print may have
      // stretched, shrinks to its body.
      const double c = work.close[t - 1];
      work.close[t] = c;
      work.high[t] = std::max(work.open[t], c);
      work.low[t] = std::min(work.open[t], c);
    } else if (opt.spikes == outlier_policy::drop) {
      dropped[t] = true;
    }
  }
  if (opt.adjust_splits) adjust_for_splits(work, rep.splits);
  if (opt.spikes == outlier_policy::drop) {
    bars kept;
    kept.symbol = work.symbol;
    for (std::size_t i = 0; i < work.size(); ++i)
      if (!dropped[i]) kept.push_back(work.time[i], work.open[i], work.high[i], work.low[i], work.close[i], work.volume[i]);
    work = std::move(kept);
  }
  // Gap positions refer to the input; recompute them on the working series (drops move bars).
  const auto work_gaps = opt.spikes == outlier_policy::drop ? find_gaps(work, cal, rep.interval) : rep.gaps;
  if (opt.repair_gaps && !work_gaps.empty()) {
    auto r = repair_gaps(work, work_gaps, cal, rep.interval, opt.gaps);
    rep.filled_bars = r.filled_bars;
    rep.segment_starts = r.segment_starts;
    if (r.dropped) {
      rep.keep = false;
      rep.reasons.push_back("a gap longer than " + std::to_string(opt.gaps.max_fill) + " bars");
    }
    res.clean = std::move(r.repaired);
    res.synthetic = std::move(r.synthetic);
  } else {
    res.clean = std::move(work);
    res.synthetic.assign(res.clean.size(), false);
    rep.segment_starts = {0};
  }
  rep.bars_out = res.clean.size();
  return res;
}

}  // namespace embargo

#endif
