// Data integrity: gaps against a calendar, Hampel spikes vs jumps, splits, stale runs, vendor
// mismatches, spread estimators, universe decisions.
#include <catch2/catch.hpp>

#include <cmath>

#include <embargo/core/random.hpp>
#include <embargo/data/calendar.hpp>
#include <embargo/data/faults.hpp>
#include <embargo/data/gaps.hpp>
#include <embargo/data/integrity.hpp>
#include <embargo/data/outliers.hpp>
#include <embargo/data/simulator.hpp>
#include <embargo/data/spread_estimators.hpp>
#include <embargo/data/universe.hpp>

using embargo::bars;

namespace {
constexpr embargo::timestamp day = 86400;
const embargo::timestamp monday = embargo::days_since_epoch(2021, 1, 4) * day;

bars weekday_series(std::size_t n, double start = 100.0, std::uint64_t seed = 1, double vol = 0.01) {
  bars b;
  b.symbol = "X";
  embargo::splitmix64 g(seed);
  double c = start;
  embargo::timestamp t = monday;
  for (std::size_t i = 0; i < n; ++i) {
    while (embargo::weekday_utc(t) >= 5) t += day;
    const double o = c;
    c *= std::exp(vol * embargo::standard_normal(g));
    b.push_back(t, o, std::max(o, c) * 1.002, std::min(o, c) * 0.998, c, 1000);
    t += day;
  }
  return b;
}
bars without(const bars& b, std::initializer_list<std::size_t> drop) {
  bars out;
  out.symbol = b.symbol;
  for (std::size_t i = 0; i < b.size(); ++i)
    if (std::find(drop.begin(), drop.end(), i) == drop.end())
      out.push_back(b.time[i], b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]);
  return out;
}
}  // namespace

TEST_CASE("gaps: weekends are not gaps, missing weekdays and holidays are handled") {
  const bars full = weekday_series(30);
  CHECK(embargo::infer_interval(full) == day);
  const embargo::trading_calendar weekdays(true);
  CHECK(embargo::find_gaps(full, weekdays, day).empty());
  // Without the weekend rule every Friday -> Monday is a 2-bar gap.
  CHECK(embargo::find_gaps(full, embargo::trading_calendar(false), day).size() == 5);
  const bars holed = without(full, {7, 12, 13});  // bar 7; bars 12-13
  const auto gaps = embargo::find_gaps(holed, weekdays, day);
  REQUIRE(gaps.size() == 2);
  CHECK(gaps[0].index == 7);
  CHECK(gaps[0].missing == 1);
  CHECK(gaps[1].index == 11);
  CHECK(gaps[1].missing == 2);
  // Declaring the missing day a holiday removes the first gap.
  const std::vector<embargo::timestamp> holidays = {full.time[7] + 3600};
  CHECK(embargo::find_gaps(holed, embargo::trading_calendar(true, holidays), day).size() == 1);
}

TEST_CASE("gap repair fills small gaps with flagged synthetic bars and splits at large ones") {
  const bars full = weekday_series(40);
  const bars holed = without(full, {5, 20, 21, 22, 23, 24});
  const embargo::trading_calendar cal(true);
  const auto gaps = embargo::find_gaps(holed, cal, day);
  const auto r = embargo::repair_gaps(holed, gaps, cal, day, {.max_fill = 3});
  CHECK(r.filled_bars == 1);
  REQUIRE(r.segment_starts.size() == 2);
  CHECK(r.repaired.time[5] == full.time[5]);
  CHECK(r.synthetic[5]);
  CHECK(r.repaired.close[5] == full.close[4]);
  CHECK(r.repaired.volume[5] == 0);
  CHECK(std::count(r.synthetic.begin(), r.synthetic.end(), true) == 1);
  CHECK_NOTHROW(embargo::validate_bars(r.repaired));
  const auto d = embargo::repair_gaps(holed, gaps, cal, day, {.max_fill = 3, .drop_on_large_gap = true});
  CHECK(d.dropped);
}

TEST_CASE("hampel: a reverting bad print is a spike, a lasting move is a jump, noise is neither") {
  bars b = weekday_series(400, 100, 7);
  CHECK(embargo::find_return_outliers(b.close).empty());
  b.close[200] *= 1.25;                                   // bad print
  for (std::size_t i = 300; i < b.size(); ++i) b.close[i] *= 0.8;  // a real 20 % drop that stays
  const auto o = embargo::find_return_outliers(b.close);
  REQUIRE(o.size() == 2);
  CHECK(o[0].index == 200);
  CHECK(o[0].kind == embargo::outlier_kind::spike);
  CHECK(o[1].index == 300);
  CHECK(o[1].kind == embargo::outlier_kind::jump);
  CHECK_THROWS_AS(embargo::find_return_outliers(b.close, {.window = 2}), embargo::invalid_argument);
}

TEST_CASE("hampel: a bad close is an error naming it, the first bar and short series included") {
  bars b = weekday_series(100, 100, 7);
  auto first_bad = b.close;
  first_bad[0] = std::nan("");  // the base of the first return: every score would be NaN
  CHECK_THROWS_WITH(embargo::find_return_outliers(first_bad), Catch::Contains("close[0]"));
  auto later_bad = b.close;
  later_bad[42] = -1.0;
  CHECK_THROWS_AS(embargo::find_return_outliers(later_bad), embargo::data_error);
  CHECK_THROWS_WITH(embargo::find_return_outliers(later_bad), Catch::Contains("close[42]"));
  const std::vector<double> two{100.0, 0.0};
  CHECK_THROWS_AS(embargo::find_return_outliers(two), embargo::data_error);
}

TEST_CASE("splits: a lasting move by a split ratio is found and back-adjusted") {
  bars b = weekday_series(300, 100, 3);
  for (std::size_t i = 150; i < b.size(); ++i) b.open[i] /= 2, b.high[i] /= 2, b.low[i] /= 2, b.close[i] /= 2, b.volume[i] *= 2;
  const auto o = embargo::find_return_outliers(b.close);
  const auto splits = embargo::find_splits(b.close, o);
  REQUIRE(splits.size() == 1);
  CHECK(splits[0].index == 150);
  CHECK(splits[0].ratio == 0.5);
  embargo::adjust_for_splits(b, splits);
  CHECK(std::abs(std::log(b.close[150] / b.close[149])) < 0.05);
  CHECK(b.volume[10] == 2000);
}

TEST_CASE("stale runs and vendor mismatches") {
  bars b = weekday_series(100);
  for (std::size_t i = 50; i < 57; ++i) b.close[i] = b.open[i] = b.high[i] = b.low[i] = b.close[49];
  const auto runs = embargo::find_stale_runs(b);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].first == 50);
  CHECK(runs[0].length == 7);
  bars ref = without(weekday_series(100), {3});
  ref.close[40] *= 1.02;
  const auto c = embargo::compare_vendors(weekday_series(100), ref);
  CHECK(c.common_bars == 99);
  CHECK(c.only_primary == 1);
  REQUIRE(c.mismatches.size() == 1);
  CHECK(c.mismatches[0] == 41);  // position in the primary series
  ref.symbol = "Y";
  CHECK_THROWS_WITH(embargo::compare_vendors(b, ref), Catch::Contains("reference symbol 'Y' is not 'X'"));
}

TEST_CASE("spread estimators reproduce the published formulas on hand-computed cases") {
  // Values worked out from the papers' formulas (Corwin-Schultz 2012 eq. 14/18; Abdi-Ranaldo 2017 eq. 10).
  CHECK(embargo::corwin_schultz_pair(101.0, 99.0, 101.2, 99.1) == Approx(0.016897502777027194).epsilon(1e-12));
  CHECK(embargo::corwin_schultz_pair(102, 100, 103, 100.5) == Approx(0.004825851284768167).epsilon(1e-12));
  const std::vector<double> H = {101.0, 101.2, 100.8}, L = {99.0, 99.1, 99.3}, C = {100.2, 99.5, 100.6};
  CHECK(embargo::abdi_ranaldo_spread(H, L, C) == Approx(0.008549156435266029).epsilon(1e-12));
  CHECK(std::isnan(embargo::corwin_schultz_spread(std::vector<double>{1.0}, std::vector<double>{1.0})));
}

TEST_CASE("universe: every exclusion names its reason") {
  auto m = embargo::simulate_market({.n_symbols = 3, .n_bars = 300, .seed = 2});
  m.bars.symbols[1].close.resize(100), m.bars.symbols[1].open.resize(100), m.bars.symbols[1].high.resize(100),
      m.bars.symbols[1].low.resize(100), m.bars.symbols[1].volume.resize(100), m.bars.symbols[1].time.resize(100);
  for (auto& v : m.bars.symbols[2].volume) v = 1;  // illiquid
  const std::vector<std::size_t> repaired = {30, 0, 0};
  const auto d = embargo::select_universe(m.bars, {.min_history = 250, .min_dollar_volume = 1e5, .max_repaired_fraction = 0.05}, repaired);
  REQUIRE(d.size() == 3);
  CHECK_FALSE(d[0].kept);
  CHECK_THAT(d[0].reasons.at(0), Catch::Contains("repaired bars"));
  CHECK_FALSE(d[1].kept);
  CHECK_THAT(d[1].reasons.at(0), Catch::Contains("history 100 bars < 250"));
  CHECK_FALSE(d[2].kept);
  CHECK_THAT(d[2].reasons.at(0), Catch::Contains("median dollar volume"));
  const auto ok = embargo::select_universe(m.bars, {.min_history = 50});
  CHECK(ok[0].kept);
  CHECK(ok[0].spread > 0);
  CHECK(ok[0].spread < 0.05);
}

TEST_CASE("hampel: a bad print hidden in a volatile window is found through its correction") {
  bars b = weekday_series(400, 100, 11, 0.02);  // 2 % daily volatility
  const double before = b.close[200];
  b.close[200] *= 1.12;          // about 5.7 robust sd: below the threshold of 8 on its own
  b.close[201] *= std::exp(-0.06);  // a real down move right after: the correction is larger
  const auto o = embargo::find_return_outliers(b.close);
  bool found = false;
  for (const auto& x : o) {
    if (x.index == 200) found = x.kind == embargo::outlier_kind::spike && x.score < 8;  // found retroactively
    CHECK(x.index != 201);  // the correction is not reported as a jump
  }
  CHECK(found);
  CHECK(before > 0);
}

TEST_CASE("the rolling median and MAD equal a brute-force recomputation") {
  embargo::splitmix64 g(5);
  for (std::size_t w : {5u, 6u, 50u}) {
    embargo::detail::sorted_window win(w);
    std::vector<double> all;
    for (int i = 0; i < 400; ++i) {
      // ties on purpose: values on a coarse grid
      const double x = std::round(embargo::standard_normal(g) * 4) / 4;
      win.push(x);
      all.push_back(x);
      std::vector<double> last(all.end() - static_cast<std::ptrdiff_t>(std::min(all.size(), w)), all.end());
      std::sort(last.begin(), last.end());
      const std::size_t n = last.size();
      const double med = n % 2 ? last[n / 2] : 0.5 * (last[n / 2 - 1] + last[n / 2]);
      std::vector<double> dev;
      for (double v : last) dev.push_back(std::abs(v - med));
      std::sort(dev.begin(), dev.end());
      const double mad = n % 2 ? dev[n / 2] : 0.5 * (dev[n / 2 - 1] + dev[n / 2]);
      REQUIRE(win.median() == med);
      REQUIRE(win.mad(med) == mad);
      REQUIRE(win.count_within(med, 0.3) == static_cast<std::size_t>(std::count_if(last.begin(), last.end(), [&](double v) {
                return v > med - 0.3 && v < med + 0.3;
              })));
    }
  }
}

TEST_CASE("the fewer-issues policy makes the cleaner vendor primary") {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 1200, .seed = 4});
  const auto f = embargo::inject_faults(market.bars, {}, 4);
  const auto& dirty = f.bars.symbols[0];
  const auto& other = f.reference.symbols[0];  // no gaps, spikes or stale runs of its own
  embargo::integrity_options opt;
  opt.primary = embargo::primary_source::fewer_issues;
  const auto r = embargo::check_integrity(dirty, &other, opt);
  CHECK(r.report.reference_was_primary);
  CHECK(r.report.bars_in == other.size());
  CHECK(r.report.spikes.empty());
  const auto kept = embargo::check_integrity(dirty, &other);
  CHECK_FALSE(kept.report.reference_was_primary);
  CHECK(kept.report.spikes.size() == f.truth[0].spikes.size());
  // an empty series is an error, not an empty report
  CHECK_THROWS_WITH(embargo::check_integrity(bars{}, nullptr), Catch::Contains("empty series"));
}
