// Benchmark tasks `integrity` (the whole integrity pass over n bars of one symbol) and
// `read_columns` (a plain pass that only reads the same five columns), so one run gives the
// integrity pass's cost relative to touching the data at all. No Python counterpart.
#include <cmath>

#include <embargo/data/integrity.hpp>

#include "bench.hpp"

namespace embargo::bench {
namespace {

bars load_bars(const task_context& c) {
  bars b;
  b.symbol = "SYM0000";
  const auto t = c.single.field(0, f_timestamp, c.n);
  b.time.assign(t.begin(), t.end());  // float64 epoch seconds -> int64
  for (auto [dst, f] : {std::pair{&b.open, f_open}, {&b.high, f_high}, {&b.low, f_low}, {&b.close, f_close}, {&b.volume, f_volume}}) {
    const auto v = c.single.field(0, f, c.n);
    dst->assign(v.begin(), v.end());
  }
  return b;
}

nlohmann::json run_integrity(task_context& c) {
  const bars b = load_bars(c);
  c.sw.start();
  integrity_options opt;
  opt.interval = 60;
  const auto r = check_integrity(b, nullptr, opt);
  c.sw.stop();
  return {{"bars_out", r.report.bars_out}, {"gaps", r.report.gaps.size()}, {"spikes", r.report.spikes.size()},
          {"jumps", r.report.jumps.size()}, {"splits", r.report.splits.size()}, {"stale", r.report.stale.size()}};
}

nlohmann::json run_read_columns(task_context& c) {
  const bars b = load_bars(c);
  c.sw.start();
  double s = 0;
  for (std::size_t i = 0; i < b.size(); ++i) s += b.open[i] + b.high[i] + b.low[i] + b.close[i] + b.volume[i];
  c.sw.stop();
  return {{"sum", s}};
}

[[maybe_unused]] const bool r1 = register_task("integrity", "bars", run_integrity);
[[maybe_unused]] const bool r2 = register_task("read_columns", "bars", run_read_columns);

}  // namespace
}  // namespace embargo::bench
