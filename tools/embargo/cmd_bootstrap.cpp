// embargo bootstrap: sequential bootstrap draws (López de Prado 2018, ch. 4.5) as JSON, seeded
// with splitmix64 so the same seed gives the same draws on every platform.
#include "cli.hpp"

#include <algorithm>

#include <embargo/core/random.hpp>
#include <embargo/data/events_csv.hpp>
#include <embargo/samplers/sequential_bootstrap.hpp>

namespace embargo::cli {
namespace {

void add_bootstrap(CLI::App& app) {
  struct args {
    std::string events, method = "fast", out;
    std::size_t draws = 0;
    std::uint64_t seed = 12345;
  };
  auto a = std::make_shared<args>();
  auto* cmd = app.add_subcommand("bootstrap", "Sequential bootstrap: draw event indices favouring unique labels (JSON)");
  cmd->add_option("--events", a->events, "Events CSV with columns t0,t1 (0-based bar positions)")->required();
  cmd->add_option("--draws", a->draws, "Number of draws (default: one per event; at most 100 per event and 1e7)")
      ->check(at_least(1));
  cmd->add_option("--seed", a->seed, "splitmix64 seed")->capture_default_str();
  cmd->add_option("--method", a->method, "fast (incremental, sum tree) | exact (textbook loop); same draws")
      ->capture_default_str();
  cmd->add_option("--out", a->out, "Output JSON (default: stdout)");
  cmd->callback([a] {
    if (a->method != "fast" && a->method != "exact")
      throw invalid_argument("--method: unknown method '" + a->method + "' (expected fast or exact)");
    const auto ev = read_events_csv(a->events, /*require_sorted=*/false);
    // Limits checked before the sampler allocates its per-bar tables and its draws.
    std::size_t last_bar = 0;
    for (const auto& e : ev) last_bar = std::max(last_bar, e.t1);
    check_limit("the last label end t1 in --events", static_cast<double>(last_bar), 1e8, "(bar positions)");
    check_limit("--draws", static_cast<double>(a->draws), std::min(1e7, 100.0 * static_cast<double>(ev.size())),
                "(100 per event, at most 1e7)");
    splitmix64 rng(a->seed);
    const auto r = a->method == "fast" ? sequential_bootstrap_fast(ev, a->draws, rng)
                                       : sequential_bootstrap_exact(ev, a->draws, rng);
    nlohmann::json j;
    j["method"] = a->method;
    j["seed"] = a->seed;
    j["events"] = ev.size();
    j["draws"] = r.indices.size();
    j["indices"] = r.indices;
    j["unique"] = [&] {
      std::vector<char> seen(ev.size(), 0);
      std::size_t u = 0;
      for (auto i : r.indices) u += seen[i] ? 0 : (seen[i] = 1);
      return u;
    }();
    j["average_uniqueness"] = r.average_uniqueness;
    emit(dump(j), a->out);
  });
}

[[maybe_unused]] const bool registered = register_command("bootstrap", add_bootstrap);

}  // namespace
}  // namespace embargo::cli
