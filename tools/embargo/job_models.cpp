// The research job's model kinds for the embargo tool: the standard ones, plus "xgboost" where
// the build has XGBoost. Compiled here and not in job_runner.cpp: the models' Eigen solvers are
// most of the job's compile time, and two translation units build in parallel (research/job.hpp
// declares standard_catalog<>() for exactly this split).
#include "job_runner.hpp"

#include <embargo/research/models.hpp>
#if defined(EMBARGO_HAS_XGBOOST)
#include <embargo/research/xgboost_model.hpp>
#endif

template embargo::research::model_catalog embargo::research::standard_catalog<>();

namespace embargo::cli {

research::model_catalog model_kinds() {
  auto catalog = research::standard_catalog();
#if defined(EMBARGO_HAS_XGBOOST)
  research::add_xgboost(catalog);
#endif
  return catalog;
}

}  // namespace embargo::cli
