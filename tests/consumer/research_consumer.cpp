// A downstream program that runs the research job from the installed package: the umbrella
// research header (which needs embargo::json), a configuration read from JSON text, two
// simulated symbols, and a check that every symbol has a result and the trained ones a model.
#include <embargo/embargo.hpp>
#include <embargo/research.hpp>

#include <cstdio>

int main() {
  const auto market = embargo::simulate_market({.n_symbols = 2, .n_bars = 1200, .seed = 7});
  const auto options = embargo::research::research_options_from_json(
      embargo::research::parse_config_text(R"({"threads": 1, "models": {"use": ["logit", "ridge"]}})", "consumer config"),
      "consumer config");
  const auto results = embargo::research::research_job(options).run(market.bars);

  std::size_t trained = 0;
  bool ok = results.symbols.size() == 2 && results.complete();
  for (const auto& s : results.symbols) {
    if (s.status != embargo::research::symbol_status::trained) continue;
    ++trained;
    ok = ok && s.evaluations.size() == 2 && s.candidate_model() != nullptr;
  }
  ok = ok && trained > 0 && results.options.models.use.size() == 2;
  std::printf("embargo %s research job: %zu symbols, %zu trained, config %s: %s\n", embargo::version_string,
              results.symbols.size(), trained, embargo::research::config_hash(options).c_str(), ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
