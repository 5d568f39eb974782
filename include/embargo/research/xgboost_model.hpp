// embargo: the research job's "xgboost" model kind (models.use), for builds that link XGBoost
// (embargo::xgboost). Kept out of research/models.hpp so that the job never depends on it:
//   auto catalog = embargo::research::standard_catalog();
//   embargo::research::add_xgboost(catalog);
//   embargo::research::research_job job(options, catalog);
// embargo-requires: xgboost
#ifndef EMBARGO_RESEARCH_XGBOOST_MODEL_HPP
#define EMBARGO_RESEARCH_XGBOOST_MODEL_HPP

#include <embargo/models/xgboost.hpp>
#include <embargo/research/models.hpp>

namespace embargo::research {

/// Registers "xgboost": boosted trees on the features (trees need no scaling), with
/// models.xgboost_rounds, xgboost_learning_rate and xgboost_max_depth, one XGBoost thread (the
/// job's own pool runs the symbols) and the run's seed.
inline xgboost_classifier make_xgboost(const research_options& o) {
  xgboost_options x;
  x.rounds = static_cast<int>(o.models.xgboost_rounds);
  x.learning_rate = o.models.xgboost_learning_rate;
  x.max_depth = static_cast<int>(o.models.xgboost_max_depth);
  x.threads = 1;
  x.seed = o.seed;
  return xgboost_classifier(x);
}
inline void add_xgboost(model_catalog& catalog) {
  catalog.kinds["xgboost"] = [](const research_options& o) { return detail::model_stage_of(o, "xgboost", make_xgboost(o)); };
}

}  // namespace embargo::research

#endif
