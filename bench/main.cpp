// embargo_bench: runs one benchmark task on the baselines' data files and prints one JSON line
// in the baselines' format ({task, impl, n, n_unit, seconds_median, seconds_min, repeats,
// first_call_seconds, checksum}). `--smoke` runs every task once on small generated data.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

#include <sys/resource.h>

#include <embargo/core/huge_pages.hpp>

#include "bench.hpp"

namespace embargo::bench {
namespace {
struct task_entry {
  std::string n_unit;
  task_fn fn;
};
std::map<std::string, task_entry>& tasks() {
  static std::map<std::string, task_entry> t;
  return t;
}
}  // namespace

bool register_task(std::string name, std::string n_unit, task_fn fn) {
  tasks().emplace(std::move(name), task_entry{std::move(n_unit), std::move(fn)});
  return true;
}

std::span<const double> dataset::field(std::size_t symbol, std::size_t field_index, std::size_t n_bars) const {
  if (symbol >= m || field_index >= n_fields || n_bars > n)
    throw std::out_of_range("dataset::field: symbol " + std::to_string(symbol) + ", field " +
                            std::to_string(field_index) + ", " + std::to_string(n_bars) + " bars out of range (" +
                            std::to_string(m) + " x " + std::to_string(n) + ")");
  if (mapped) return mapped->field(symbol, field_index, n_fields).first(n_bars);
  return {values.data() + (symbol * n_fields + field_index) * n, n_bars};
}

long stopwatch::minor_faults() noexcept {
  rusage u{};
  return ::getrusage(RUSAGE_SELF, &u) == 0 ? u.ru_minflt : 0;
}

void stopwatch::reset_peak_rss() noexcept {
  std::ofstream("/proc/self/clear_refs") << "5";  // "5": reset the peak resident set (Linux >= 4.0)
}

long long stopwatch::status_bytes(const char* key) noexcept {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::size_t k = std::strlen(key);
  while (std::getline(status, line))
    if (line.compare(0, k, key) == 0) return std::atoll(line.c_str() + k) * 1024;  // "VmHWM:   1234 kB"
  return 0;
}

dataset load_dataset(const std::string& stem, bool mapped) {
  std::ifstream hdr(stem + ".json");
  if (!hdr) throw std::runtime_error("missing data header " + stem + ".json (run bench/compare, which generates it)");
  const auto h = nlohmann::json::parse(hdr);
  dataset d;
  d.m = h.at("M").get<std::size_t>();
  d.n = h.at("N").get<std::size_t>();
  if (h.at("fields").size() != n_fields) throw std::runtime_error(stem + ".json: expected 6 fields");
  if (mapped) {
    d.mapped.emplace(mapped_columns::open(stem + ".bin", d.n, d.m * n_fields));
    return d;
  }
  // Huge-page advice before the first write, as numpy gives the baselines' arrays read from the
  // same file (8 MB per column, over numpy's 4 MiB threshold): both sides' kernels then read
  // their inputs from the same kind of pages.
  d.values = detail::filled_large<double>(d.m * n_fields * d.n, 0.0);
  std::ifstream bin(stem + ".bin", std::ios::binary);
  if (!bin) throw std::runtime_error("missing data file " + stem + ".bin");
  bin.read(reinterpret_cast<char*>(d.values.data()), static_cast<std::streamsize>(d.values.size() * sizeof(double)));
  if (bin.gcount() != static_cast<std::streamsize>(d.values.size() * sizeof(double)))
    throw std::runtime_error(stem + ".bin: shorter than its header says");
  return d;  // the files are little-endian float64, as is every platform we build on
}

namespace {

/// Geometric random walk with a crash segment: enough structure for every task's smoke run.
dataset synthetic(std::size_t m, std::size_t n) {
  dataset d;
  d.m = m, d.n = n;
  d.values.resize(m * n_fields * n);
  std::uint64_t s = 88172645463325252ULL;
  auto next = [&s] {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    return static_cast<double>(s >> 11) * 0x1.0p-53 - 0.5;
  };
  for (std::size_t k = 0; k < m; ++k) {
    double c = 100.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double sig = (i / 500) % 4 == 3 ? 0.02 : 0.005;
      const double o = c;
      c *= std::exp(sig * 3.4 * next());
      auto at = [&](std::size_t f) -> double& { return d.values[(k * n_fields + f) * n + i]; };
      at(f_timestamp) = 1577836800.0 + 60.0 * static_cast<double>(i);
      at(f_open) = o, at(f_close) = c;
      at(f_high) = std::max(o, c) * (1 + sig * 0.3), at(f_low) = std::min(o, c) * (1 - sig * 0.3);
      at(f_volume) = 1000.0 * (1 + next());
    }
  }
  return d;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t k = v.size() / 2;
  return v.size() % 2 ? v[k] : 0.5 * (v[k - 1] + v[k]);
}

/// The process's peak resident set so far (inputs, outputs, the allocator's cache). Not reported
/// for --mapped runs: their stopwatch resets the peak before every timed call (clear_refs resets
/// what getrusage reads too), so it would be the last call's peak, which they report by name.
long long peak_rss_bytes() noexcept {
  rusage u{};
  return ::getrusage(RUSAGE_SELF, &u) == 0 ? static_cast<long long>(u.ru_maxrss) * 1024 : 0;
}

int usage() {
  std::cerr << "usage: embargo_bench --task T --n N [--data-dir DIR | --dataset STEM] [--mapped] [--repeats R]\n"
               "                     [--budget SECONDS] [--threads K]\n"
               "       embargo_bench --list | --smoke\n"
               "DIR holds the baselines' data files ohlcv_M1_N1000000_s42.{json,bin} and ohlcv_M100_N10000_s42.*\n"
               "K: worker threads for the tasks that can use them (research); default 1, as the baselines\n"
               "STEM: another data file pair STEM.{json,bin} of the same layout (bench/make_data.py writes one)\n"
               "--mapped: map STEM.bin in place instead of copying it (large files; not how the baselines read)\n";
  return 2;
}

}  // namespace
}  // namespace embargo::bench

int main(int argc, char** argv) {
  using namespace embargo::bench;
  std::string task, data_dir = ".";
  double n_arg = 0, budget = 20.0;
  int repeats = 5;
  unsigned threads = 1;
  std::string dataset_stem;
  bool smoke = false, list = false, mapped = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--task") task = value();
      else if (a == "--n") n_arg = std::stod(value());
      else if (a == "--data-dir") data_dir = value();
      else if (a == "--repeats") repeats = std::stoi(value());
      else if (a == "--budget") budget = std::stod(value());
      else if (a == "--threads") {
        const int k = std::stoi(value());
        if (k < 1) throw std::invalid_argument("--threads must be at least 1");
        threads = static_cast<unsigned>(k);
      }
      else if (a == "--dataset") dataset_stem = value();
      else if (a == "--mapped") mapped = true;
      else if (a == "--smoke") smoke = true;
      else if (a == "--list") list = true;
      else return usage();
    } catch (const std::exception& e) {
      std::cerr << "embargo_bench: " << e.what() << "\n";
      return usage();
    }
  }
  if (list) {
    for (const auto& [name, t] : tasks()) std::cout << name << " " << t.n_unit << "\n";
    return 0;
  }
  try {
    if (smoke) {  // every task once on small data: checks the tasks still run, not their speed
      const dataset single = synthetic(1, 20000), pan = synthetic(100, 400);
      for (const auto& [name, t] : tasks()) {
        stopwatch sw;
        const std::size_t n = t.n_unit == "events" ? 200 : t.n_unit == "cells" ? 100 * 400 : 20000;
        task_context c{single, &pan, n, sw, threads};
        const auto ck = t.fn(c);
        std::cout << name << ": " << ck.dump() << "\n";
      }
      return tasks().empty() ? 1 : 0;
    }
    if (task.empty() || n_arg <= 0) return usage();
    const auto it = tasks().find(task);
    if (it == tasks().end()) {
      std::cerr << "embargo_bench: unknown task '" << task << "' (see --list)\n";
      return 2;
    }
    const auto n = static_cast<std::size_t>(std::llround(n_arg));
    const dataset single = load_dataset(dataset_stem.empty() ? data_dir + "/ohlcv_M1_N1000000_s42" : dataset_stem, mapped);
    dataset pan;
    if (it->second.n_unit == "cells") pan = load_dataset(data_dir + "/ohlcv_M100_N10000_s42");
    stopwatch sw;
    sw.track_memory = mapped;
    task_context c{single, pan.empty() ? nullptr : &pan, n, sw, threads};
    // Same protocol as the baselines: one warm-up call, then up to `repeats` timed calls within
    // `budget` seconds; a first call over 5 s is the only sample.
    nlohmann::json checksum = it->second.fn(c);
    const double first = sw.last_seconds();
    std::vector<double> times, faults;
    long long kernel_peak = sw.last_peak_rss(), rss_start = sw.rss_at_start();
    if (first > 5.0) {
      times.push_back(first);
      faults.push_back(static_cast<double>(sw.last_faults()));
    } else {
      double spent = 0;
      while (static_cast<int>(times.size()) < repeats && spent < budget) {
        nlohmann::json again = it->second.fn(c);
        times.push_back(sw.last_seconds());
        faults.push_back(static_cast<double>(sw.last_faults()));
        spent += sw.last_seconds();
        kernel_peak = std::max(kernel_peak, sw.last_peak_rss());
        rss_start = std::max(rss_start, sw.rss_at_start());
        if (again != checksum) throw std::runtime_error("task " + task + " is not deterministic");
      }
    }
    nlohmann::json rec = {{"task", task},
                          {"impl", "embargo"},
                          {"n", n},
                          {"n_unit", it->second.n_unit},
                          {"threads", threads},
                          {"seconds_median", median(times)},
                          {"seconds_min", *std::min_element(times.begin(), times.end())},
                          {"repeats", times.size()},
                          {"first_call_seconds", first},
                          {"page_faults_median", median(faults)},
                          {"checksum", checksum}};
    if (mapped) {
      rec["rss_at_kernel_start_bytes"] = rss_start;
      rec["kernel_peak_rss_bytes"] = kernel_peak;
    } else {
      rec["peak_rss_bytes"] = peak_rss_bytes();
    }
    std::cout << rec.dump() << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "embargo_bench: " << e.what() << "\n";
    return 1;
  }
}
