// embargo benchmarks: a task registry, the baselines' binary data files, and a stopwatch.
// Each task (bench/task_<name>.cpp) times only its kernel and returns the same checksum as the
// Python baseline of the same name, so bench/compare can check agreement and print ratios.
#ifndef EMBARGO_BENCH_BENCH_HPP
#define EMBARGO_BENCH_BENCH_HPP

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/data/mapped_columns.hpp>

namespace embargo::bench {

/// The field order of gen_data.py's binary layout [symbol][field][bar].
enum field : std::size_t { f_timestamp = 0, f_open, f_high, f_low, f_close, f_volume, n_fields };

/// A gen_data.py data file in memory: m symbols x 6 fields x n bars of float64.
struct dataset {
  std::size_t m = 0, n = 0;
  std::vector<double> values;
  /// --mapped: the file mapped in place instead of copied into `values` (1e8-bar runs, where a
  /// copy of all six fields would be 4.8 GB and every task reads one or two of them).
  std::optional<mapped_columns> mapped;
  /// The first n_bars values of one field of one symbol.
  std::span<const double> field(std::size_t symbol, std::size_t field_index, std::size_t n_bars) const;
  bool empty() const noexcept { return values.empty() && !mapped; }
};

/// Loads <stem>.json (shape) and <stem>.bin (copied, or mapped when `mapped`). Throws
/// std::runtime_error when absent or inconsistent.
dataset load_dataset(const std::string& stem, bool mapped = false);

/// Times the kernel and counts the page faults it takes: on the VMs we run on, a first touch of
/// fresh memory costs ~2.5 µs per 4 KiB page, so a kernel's time can be mostly its allocations.
class stopwatch {
 public:
  void start() {
    if (track_memory) {  // before the clock: resetting the peak is a write to /proc
      reset_peak_rss();
      rss_at_start_ = status_bytes("VmRSS:");
    }
    faults0_ = minor_faults();
    t0_ = clock::now();
  }
  void stop() {
    last_ = std::chrono::duration<double>(clock::now() - t0_).count();
    last_faults_ = minor_faults() - faults0_;
    if (track_memory) last_peak_rss_ = status_bytes("VmHWM:");
  }
  double last_seconds() const noexcept { return last_; }
  long last_faults() const noexcept { return last_faults_; }
  /// With track_memory (--mapped runs): the resident set when the kernel started (its inputs,
  /// built untimed, and the mapped pages already read) and the peak while it ran (Linux: the
  /// peak is reset through /proc/self/clear_refs at start). 0 when not tracked or unavailable.
  long long rss_at_start() const noexcept { return rss_at_start_; }
  long long last_peak_rss() const noexcept { return last_peak_rss_; }
  bool track_memory = false;

 private:
  static long minor_faults() noexcept;
  static void reset_peak_rss() noexcept;
  static long long status_bytes(const char* key) noexcept;
  long long rss_at_start_ = 0, last_peak_rss_ = 0;
  using clock = std::chrono::steady_clock;
  clock::time_point t0_{};
  double last_ = 0;
  long faults0_ = 0, last_faults_ = 0;
};

struct task_context {
  const dataset& single;    ///< M1_N1000000: single-series tasks use the first n bars of symbol 0
  const dataset* panel;     ///< M100_N10000 (may be null when the task does not need it)
  std::size_t n;            ///< size in the task's unit (bars, events or cells)
  stopwatch& sw;            ///< the task starts and stops it around its kernel
  unsigned threads = 1;     ///< worker threads a task may use (--threads; only multi-threaded tasks read it)
};

/// What a task builds untimed from the data (its inputs), built once per size and kept across the
/// harness's repeats, as the baselines build theirs once (run_baselines.py `prepare`). Rebuilt
/// every repeat, ~20 MB of inputs were freed and taken again per call; glibc then handed the
/// memory back to the kernel each time, and every timed call paid first-touch page faults on its
/// result that the baselines' calls, reusing their allocator's memory, do not pay.
template <class T, class Build>
const T& inputs_once(std::size_t n, Build build) {
  static std::map<std::size_t, T> built;
  auto it = built.find(n);
  if (it == built.end()) it = built.emplace(n, build()).first;
  return it->second;
}

using task_fn = std::function<nlohmann::json(task_context&)>;

/// Registers a task; call from a static initializer. n_unit: "bars", "events" or "cells".
bool register_task(std::string name, std::string n_unit, task_fn fn);

}  // namespace embargo::bench

#endif
