// embargo: the tradable universe: symbols with enough history, enough dollar volume, a narrow
// enough spread and clean enough data; every exclusion says why.
#ifndef EMBARGO_DATA_UNIVERSE_HPP
#define EMBARGO_DATA_UNIVERSE_HPP

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <embargo/data/bars.hpp>
#include <embargo/data/spread_estimators.hpp>

namespace embargo {

enum class spread_estimator { corwin_schultz, abdi_ranaldo };

struct universe_options {
  std::size_t min_history = 250;          ///< bars
  double min_dollar_volume = 0;           ///< median of close · volume over the last window bars
  std::size_t window = 60;                ///< bars for dollar volume and spread
  double max_spread = 0.02;               ///< relative spread (0.02 = 2 %)
  spread_estimator estimator = spread_estimator::corwin_schultz;
  double max_repaired_fraction = 0.05;    ///< synthetic or repaired bars over all bars
};

struct universe_decision {
  std::string symbol;
  bool kept = true;
  std::vector<std::string> reasons;
  std::size_t history = 0;
  double median_dollar_volume = 0;
  double spread = 0;
  double repaired_fraction = 0;
};

/// One decision per symbol of `p`, in order. repaired_bars[i] (optional) is the number of
/// repaired bars of symbol i from the integrity pass.
inline std::vector<universe_decision> select_universe(const panel& p, const universe_options& opt = {},
                                                      std::span<const std::size_t> repaired_bars = {}) {
  detail::require(opt.window >= 1, "select_universe: window must be >= 1 bar");
  detail::require(std::isfinite(opt.min_dollar_volume) && opt.min_dollar_volume >= 0,
                  "select_universe: min_dollar_volume must be a finite number >= 0, got " + std::to_string(opt.min_dollar_volume));
  detail::require(opt.max_spread >= 0, "select_universe: max_spread must be >= 0 (a relative spread), got " + std::to_string(opt.max_spread));
  detail::require(opt.max_repaired_fraction >= 0 && opt.max_repaired_fraction <= 1,
                  "select_universe: max_repaired_fraction must be in [0, 1], got " + std::to_string(opt.max_repaired_fraction));
  std::vector<universe_decision> out;
  for (std::size_t s = 0; s < p.symbols.size(); ++s) {
    const bars& b = p.symbols[s];
    universe_decision d;
    d.symbol = b.symbol;
    d.history = b.size();
    const std::size_t w = std::min(opt.window, b.size());
    const std::size_t from = b.size() - w;
    std::vector<double> dv;
    for (std::size_t i = from; i < b.size(); ++i) dv.push_back(b.close[i] * b.volume[i]);
    if (!dv.empty()) {
      std::nth_element(dv.begin(), dv.begin() + static_cast<std::ptrdiff_t>(dv.size() / 2), dv.end());
      d.median_dollar_volume = dv[dv.size() / 2];
    }
    const auto hi = std::span<const double>(b.high).subspan(from), lo = std::span<const double>(b.low).subspan(from),
               cl = std::span<const double>(b.close).subspan(from);
    d.spread = opt.estimator == spread_estimator::corwin_schultz ? corwin_schultz_spread(hi, lo) : abdi_ranaldo_spread(hi, lo, cl);
    d.repaired_fraction = s < repaired_bars.size() && b.size() ? static_cast<double>(repaired_bars[s]) / static_cast<double>(b.size()) : 0.0;
    char buf[160];
    if (d.history < opt.min_history) {
      std::snprintf(buf, sizeof buf, "history %zu bars < %zu", d.history, opt.min_history);
      d.reasons.push_back(buf);
    }
    if (d.median_dollar_volume < opt.min_dollar_volume) {
      std::snprintf(buf, sizeof buf, "median dollar volume %.4g < %.4g", d.median_dollar_volume, opt.min_dollar_volume);
      d.reasons.push_back(buf);
    }
    if (!(d.spread <= opt.max_spread)) {
      std::snprintf(buf, sizeof buf, "estimated spread %.4g > %.4g", d.spread, opt.max_spread);
      d.reasons.push_back(buf);
    }
    if (d.repaired_fraction > opt.max_repaired_fraction) {
      std::snprintf(buf, sizeof buf, "repaired bars %.3g > %.3g", d.repaired_fraction, opt.max_repaired_fraction);
      d.reasons.push_back(buf);
    }
    d.kept = d.reasons.empty();
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace embargo

#endif
