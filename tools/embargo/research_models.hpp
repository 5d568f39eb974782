// The research run's models. Their training code (the Eigen solvers inside model_stage) is
// instantiated once, in research_models.cpp, so that the stages' translation unit stays under
// the 15 s compile budget and the two build in parallel.
#ifndef EMBARGO_TOOLS_RESEARCH_MODELS_HPP
#define EMBARGO_TOOLS_RESEARCH_MODELS_HPP

#include <embargo/models/logistic.hpp>
#include <embargo/models/ridge.hpp>
#include <embargo/models/stacking.hpp>
#include <embargo/models/standardized.hpp>
#include <embargo/pipeline/research.hpp>

namespace embargo::cli {
using logit = standardized<logistic_regression>;
using stacked = standardized<stacking_ensemble<ridge_regression, logistic_regression, ridge_regression>>;
}  // namespace embargo::cli

extern template struct embargo::model_stage<embargo::cli::logit>;
extern template struct embargo::model_stage<embargo::cli::stacked>;

#endif
