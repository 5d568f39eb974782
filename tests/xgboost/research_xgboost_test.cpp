// The research job's "xgboost" kind: boosted trees run beside the standard models, out of fold,
// and give the same results with 1 or 2 threads (one XGBoost thread per fit, the seed fixed).
#include <catch2/catch.hpp>

#include <embargo/data/simulator.hpp>
#include <embargo/research/stages.hpp>
#include <embargo/research/xgboost_model.hpp>

using namespace embargo::research;

TEST_CASE("research job: the xgboost kind runs when registered, and is refused when not") {
  const auto market = embargo::simulate_market({.n_symbols = 2, .n_bars = 1500, .seed = 3}).bars;
  research_options o;
  o.threads = 1;
  o.models.use = {"logit", "xgboost"};
  o.models.xgboost_rounds = 20;
  CHECK_THROWS_AS(research_job(o), config_error);  // the standard catalog has no xgboost
  auto catalog = standard_catalog();
  add_xgboost(catalog);
  const auto one = research_job(o, catalog).run(market);
  o.threads = 2;
  const auto two = research_job(o, catalog).run(market);
  for (std::size_t s = 0; s < one.symbols.size(); ++s) {
    const auto& r = one.symbols[s];
    if (r.status != symbol_status::trained) continue;
    REQUIRE(r.research.models.size() == 2);
    CHECK(r.research.models[1].name == "xgboost");
    CHECK(r.evaluations[1].trades.size() > 30);
    CHECK(r.research.models[1].trade_return == two.symbols[s].research.models[1].trade_return);
  }
}
