// Benchmark tasks `triple_barrier` (the baselines' task: pt = sl = 3 x EWM vol, 20-bar vertical
// barrier, CUSUM events), `triple_barrier_into` (the same into a reused buffer) and `triple_barrier_long` / `triple_barrier_long_scan`: a 1000-bar
// vertical barrier with wide barriers, fast first passage vs the O(h) scan (same checksum).
#include <cmath>
#include <cstdint>
#include <vector>

#include <embargo/events/cusum.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/labelers/triple_barrier.hpp>

#include "bench.hpp"

namespace embargo::bench {
namespace {

// The baselines' events: CUSUM bars (h = 0.01) whose vol is finite and > 0 (untimed).
struct prepared {
  std::vector<double> vol;
  std::vector<std::size_t> events;
};

prepared prepare(std::span<const double> close) {
  prepared p;
  p.vol = ewm_volatility(close, {.span = 100});
  for (const auto i : cusum_filter(close, {.threshold = 0.01}))
    if (std::isfinite(p.vol[i]) && p.vol[i] > 0.0) p.events.push_back(i);
  return p;
}

nlohmann::json checksum(const std::vector<barrier_label>& labels) {
  std::int64_t sum_label = 0, up = 0, down = 0, vertical = 0, sum_t1 = 0;
  double sum_ret = 0;
  for (const auto& e : labels) {
    sum_label += e.label;
    up += e.label == 1;
    down += e.label == -1;
    vertical += e.label == 0;
    sum_t1 += static_cast<std::int64_t>(e.t1);
    sum_ret += e.ret;
  }
  return {{"n_events", labels.size()}, {"sum_label", sum_label}, {"n_up", up},      {"n_down", down},
          {"n_vertical", vertical},    {"sum_t1", sum_t1},       {"sum_ret", sum_ret}};
}

template <class Search>
nlohmann::json run(task_context& c, double multiple, std::size_t h) {
  const auto close = c.single.field(0, f_close, c.n);
  const prepared& p = inputs_once<prepared>(c.n, [&] { return prepare(close); });
  c.sw.start();
  const auto labels = triple_barrier<Search>({.close = close}, p.events, p.vol,
                                             {.pt = multiple, .sl = multiple, .vertical_bars = h, .rule = label_rule::touch});
  c.sw.stop();
  return checksum(labels);
}

[[maybe_unused]] const bool r1 = register_task("triple_barrier", "bars", [](task_context& c) {
  return run<fast_first_passage>(c, 3.0, 20);
});
// The same labels into a buffer kept across the harness's repeats (triple_barrier_into): what a
// loop over many batches costs once the result's memory has been touched. Not a baselines task.
[[maybe_unused]] const bool r1b = register_task("triple_barrier_into", "bars", [](task_context& c) {
  static std::vector<barrier_label> labels;
  const auto close = c.single.field(0, f_close, c.n);
  const prepared& p = inputs_once<prepared>(c.n, [&] { return prepare(close); });
  c.sw.start();
  triple_barrier_into(labels, {.close = close}, p.events, p.vol, {.pt = 3.0, .sl = 3.0, .vertical_bars = 20, .rule = label_rule::touch});
  c.sw.stop();
  return checksum(labels);
});
// Barriers at 25 x vol are reached after hundreds of bars, so the scan really walks the paths.
[[maybe_unused]] const bool r2 = register_task("triple_barrier_long", "bars", [](task_context& c) {
  return run<fast_first_passage>(c, 25.0, 1000);
});
[[maybe_unused]] const bool r3 = register_task("triple_barrier_long_scan", "bars", [](task_context& c) {
  return run<scan_first_passage>(c, 25.0, 1000);
});

}  // namespace
}  // namespace embargo::bench
