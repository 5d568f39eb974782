// The research job's model kinds for the embargo tool: the standard ones, plus "xgboost" where
// the build has XGBoost. Compiled here and not in job_runner.cpp: the models' Eigen solvers are
// most of the job's compile time, and two translation units build in parallel (research/job.hpp
// declares standard_catalog<>() for exactly this split).
#include "job_runner.hpp"

#include <embargo/research/models.hpp>
#if defined(EMBARGO_HAS_XGBOOST)
#include <embargo/lifecycle/xgboost_codec.hpp>
#include <embargo/research/xgboost_model.hpp>
#endif

template embargo::research::model_catalog embargo::research::standard_catalog<>();

namespace embargo::cli {

#if defined(EMBARGO_HAS_XGBOOST)
namespace {
// The model files of the "xgboost" kind, for every command that exports or loads models (run,
// demo, predict, monitor): registered before main, which reads them only after parsing options.
[[maybe_unused]] const bool xgboost_files = (lifecycle::add_xgboost_codec(lifecycle::model_codecs()), true);
}  // namespace
#endif

research::model_catalog model_kinds() {
  auto catalog = research::standard_catalog();
#if defined(EMBARGO_HAS_XGBOOST)
  research::add_xgboost(catalog);
#endif
  return catalog;
}

}  // namespace embargo::cli
