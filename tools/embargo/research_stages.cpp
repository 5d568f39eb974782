// The research run's stages, composed at compile time (docs/pipeline.md).
#include "research_stages.hpp"
#include "research_models.hpp"

#include <embargo/pipeline/consensus_stage.hpp>
#include <embargo/pipeline/pipeline.hpp>
#include <embargo/pipeline/research.hpp>

namespace embargo::cli {
namespace {

auto make_stages(const research_config& cfg) {
  return pipeline<>{} | integrity_stage{cfg.integrity} | universe_stage{cfg.universe} |
         cusum_event_stage{.vol_span = cfg.vol_span, .multiplier = cfg.cusum_multiplier} |
         triple_barrier_stage{cfg.barriers} | regime_stage{} | return_features_stage{} | uniqueness_decay_weight_stage{cfg.decay} |
         walk_forward_stage{cfg.initial_train_fraction, cfg.n_tests} |
         model_stage<logit>{"logit", logit(logistic_regression({.lambda = 1.0})), cfg.costs, cfg.bet} |
         model_stage<logit>{"logit_strong_l2", logit(logistic_regression({.lambda = 50.0})), cfg.costs, cfg.bet} |
         model_stage<stacked>{"stack_ridge_meta", stacked(), cfg.costs, cfg.bet} |
         consensus_stage{.costs = cfg.costs, .bet = cfg.bet};
}

}  // namespace

std::vector<std::string_view> research_stage_names() {
  std::vector<std::string_view> out;
  for (auto name : decltype(make_stages(research_config{}))::plan()) out.emplace_back(name);
  return out;
}

void run_research_stages(const research_config& cfg, symbol_research& r) { make_stages(cfg).run(r); }

}  // namespace embargo::cli
