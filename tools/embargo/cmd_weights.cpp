// embargo weights: sample weights per event (or concurrency per bar) as CSV.
// Schemes follow López de Prado (2018) ch. 4 and docs/samplers.md; events are bar positions of
// the (single-symbol) bars file.
#include "cli.hpp"

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/data/events_csv.hpp>
#include <embargo/samplers/recency.hpp>
#include <embargo/samplers/return_attribution.hpp>
#include <embargo/samplers/time_decay.hpp>
#include <embargo/samplers/uniqueness.hpp>

namespace embargo::cli {
namespace {

struct weights_args {
  std::string events, bars, scheme, out;
  double decay = 1.0;
  double half_life = 252.0;
};

std::string run_weights(const weights_args& a) {
  const panel p = read_bars_csv(a.bars);
  if (p.symbols.size() != 1)
    throw data_error(a.bars + ": " + std::to_string(p.symbols.size()) +
                     " symbols (expected one: event positions index a single bar series)");
  const bars& b = p.symbols.front();
  const auto ev = read_events_csv(a.events, /*require_sorted=*/false);
  for (std::size_t i = 0; i < ev.size(); ++i)
    if (ev[i].t1 >= b.size())
      throw data_error(a.events, i + 2, "t1 = " + std::to_string(ev[i].t1) + " is outside the bars of " + a.bars +
                                            " (positions 0.." + std::to_string(b.size() - 1) + ")");
  std::string out;
  if (a.scheme == "concurrency") {
    const auto c = concurrency(ev, b.size());
    out = "bar,concurrency\n";
    for (std::size_t i = 0; i < c.size(); ++i) out += std::to_string(i) + "," + std::to_string(c[i]) + "\n";
    return out;
  }
  std::vector<double> w;
  if (a.scheme == "uniqueness") w = average_uniqueness(ev, b.size());
  else if (a.scheme == "return") w = return_attribution_weights(ev, b.close);
  else if (a.scheme == "decay") w = time_decay_weight{{.decay = a.decay}}.weights(ev, b.size());
  else if (a.scheme == "recency") w = recency_weights(ev, b.size(), {.half_life = a.half_life});
  else
    throw invalid_argument("--scheme: unknown scheme '" + a.scheme +
                           "' (expected concurrency, uniqueness, return, decay or recency)");
  out = "t0,t1,weight\n";
  for (std::size_t i = 0; i < ev.size(); ++i) {
    out += std::to_string(ev[i].t0) + "," + std::to_string(ev[i].t1) + ",";
    append_double(out, w[i]);
    out += "\n";
  }
  return out;
}

void add_weights(CLI::App& app) {
  auto a = std::make_shared<weights_args>();
  auto* cmd = app.add_subcommand("weights", "Sample weights per event (CSV t0,t1,weight); concurrency per bar (CSV bar,concurrency)");
  cmd->add_option("--events", a->events, "Events CSV with columns t0,t1 (0-based bar positions)")->required();
  cmd->add_option("--bars", a->bars, "Bars CSV (one symbol); its length is the bar range, its close the prices")->required();
  cmd->add_option("--scheme", a->scheme, "concurrency | uniqueness | return | decay | recency")->required();
  // The library follows mlfinlab and also takes c > 1 (older events weigh more); the command keeps
  // to the decay's meaning, as its help says.
  cmd->add_option("--decay", a->decay, "decay: c in (-1, 1] (1 = none; c < 0 zeroes the oldest |c| of cumulative uniqueness)")
      ->capture_default_str()
      ->check(above_up_to(-1, 1));
  cmd->add_option("--half-life", a->half_life, "recency: bars after which a weight halves")->capture_default_str();
  cmd->add_option("--out", a->out, "Output CSV (default: stdout)");
  cmd->callback([a, cmd] {
    if (a->scheme != "decay" && cmd->count("--decay") > 0)
      throw invalid_argument("--decay applies only to --scheme decay");
    if (a->scheme != "recency" && cmd->count("--half-life") > 0)
      throw invalid_argument("--half-life applies only to --scheme recency");
    emit(run_weights(*a), a->out);
  });
}

[[maybe_unused]] const bool registered = register_command("weights", add_weights);

}  // namespace
}  // namespace embargo::cli
