// embargo demo: the main job on the built-in simulated market.
// Stages wired so far: simulate -> validate -> per-symbol summary. Each component issue adds its
// stage here until the compile-time pipeline (issue 10) replaces this file's body.
#include "cli.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <embargo/data/atomic_file.hpp>
#include <embargo/data/bars_csv.hpp>
#include <embargo/data/simulator.hpp>
#include <embargo/version.hpp>

namespace embargo::cli {
namespace {

struct demo_args {
  std::string out = "embargo-demo";
  std::size_t symbols = 8;
  std::size_t bars = 1500;
  std::uint64_t seed = 42;
  unsigned threads = 0;
};

void run_demo(const demo_args& a) {
  namespace fs = std::filesystem;
  const auto market = simulate_market({.n_symbols = a.symbols, .n_bars = a.bars, .seed = a.seed});
  for (const auto& b : market.bars.symbols) validate_bars(b);
  fs::create_directories(a.out);
  write_file_atomically(fs::path(a.out) / "bars.csv", format_bars_csv(market.bars));

  nlohmann::json summary = {{"version", version_string},
                            {"seed", a.seed},
                            {"symbols", nlohmann::json::array()}};
  std::printf("%-8s %6s %12s %12s %10s %9s\n", "symbol", "bars", "first", "last", "total_ret", "ann_vol");
  for (const auto& b : market.bars.symbols) {
    double s = 0, s2 = 0;
    for (std::size_t t = 1; t < b.size(); ++t) {
      const double r = std::log(b.close[t] / b.close[t - 1]);
      s += r, s2 += r * r;
    }
    const double m = static_cast<double>(b.size() - 1);
    const double sd = m > 1 ? std::sqrt((s2 - s * s / m) / (m - 1)) : NAN;
    const double total = b.close.back() / b.open.front() - 1.0;
    const double ann_vol = sd * std::sqrt(252.0);
    std::printf("%-8s %6zu %12s %12s %9.1f%% %8.1f%%\n", b.symbol.c_str(), b.size(),
                format_timestamp(b.time.front(), true).c_str(), format_timestamp(b.time.back(), true).c_str(),
                100 * total, 100 * ann_vol);
    summary["symbols"].push_back({{"symbol", b.symbol}, {"bars", b.size()}, {"total_return", total}, {"annual_volatility", ann_vol}});
  }
  write_file_atomically(fs::path(a.out) / "summary.json", dump(summary));
  std::printf("\narchive: %s (bars.csv, summary.json)\n", a.out.c_str());
}

void add_demo(CLI::App& app) {
  auto a = std::make_shared<demo_args>();
  auto* cmd = app.add_subcommand("demo", "Run the end-to-end pipeline on the built-in simulated market");
  cmd->add_option("--out", a->out, "Archive folder")->capture_default_str();
  cmd->add_option("--symbols", a->symbols, "Number of simulated symbols")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--bars", a->bars, "Bars per symbol")->capture_default_str()->check(CLI::Range(50, 10000000));
  cmd->add_option("--seed", a->seed, "Random seed")->capture_default_str();
  cmd->add_option("--threads", a->threads, "Worker threads (0: all cores)")->capture_default_str();
  cmd->callback([a] { run_demo(*a); });
}

[[maybe_unused]] const bool registered = register_command("demo", add_demo);

}  // namespace
}  // namespace embargo::cli
