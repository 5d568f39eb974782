// embargo demo: the main job. The research job (include/embargo/research/) with its default
// configuration on the built-in simulated market with injected data faults, archived, and its
// table on stdout.
#include "cli.hpp"
#include "job_runner.hpp"

#include <cstdio>

#include <embargo/data/faults.hpp>
#include <embargo/data/simulator.hpp>

namespace embargo::cli {
namespace {

struct demo_args {
  std::string out = "embargo-demo", config;
  std::size_t symbols = 8;
  std::size_t bars = 2000;
  long long seed = 42;
  long long threads = 0;
};

void run_demo(const demo_args& a) {
  const auto market = simulate_market({.n_symbols = a.symbols, .n_bars = a.bars, .seed = static_cast<std::uint64_t>(a.seed)});
  const auto faulty = inject_faults(market.bars, {}, static_cast<std::uint64_t>(a.seed));
  char note[256];
  std::snprintf(note, sizeof note,
                "Built-in simulated market: %zu symbols x %zu daily bars, seed %lld, with injected faults "
                "(gaps, bad prints, stale runs, unadjusted splits, a second vendor).",
                a.symbols, a.bars, a.seed);
  run_job({.config = a.config, .archive = a.out, .data_note = note, .threads = a.threads, .seed = a.seed}, faulty.bars,
          &faulty.reference);
}

void add_demo(CLI::App& app) {
  auto a = std::make_shared<demo_args>();
  auto* cmd = app.add_subcommand("demo", "Run the end-to-end research job on the built-in simulated market");
  cmd->add_option("--out", a->out, "Archive folder")->capture_default_str();
  cmd->add_option("--config", a->config, "JSON configuration of the job (docs/pipeline.md); the defaults when absent");
  cmd->add_option("--symbols", a->symbols, "Number of simulated symbols")->capture_default_str()->check(between(1, 10000));
  cmd->add_option("--bars", a->bars, "Daily bars per symbol")->capture_default_str()->check(between(1000, 1000000));
  cmd->add_option("--seed", a->seed, "Random seed (data, faults, sampling)")->capture_default_str()->check(between(0, 4.6e18));
  cmd->add_option("--threads", a->threads, "Worker threads (0: all cores); results do not depend on it")
      ->capture_default_str()
      ->check(between(0, 256));
  cmd->callback([a] { run_demo(*a); });
}

[[maybe_unused]] const bool registered = register_command("demo", add_demo);

}  // namespace
}  // namespace embargo::cli
