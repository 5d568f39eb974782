// embargo: umbrella header of models/ (concepts, ridge, logistic, ensembles). The optional
// XGBoost adapter has its own header, embargo/models/xgboost.hpp.
#ifndef EMBARGO_MODELS_HPP
#define EMBARGO_MODELS_HPP

#include <embargo/models/accuracy_weighted.hpp>
#include <embargo/models/logistic.hpp>
#include <embargo/models/model.hpp>
#include <embargo/models/out_of_fold.hpp>
#include <embargo/models/ridge.hpp>
#include <embargo/models/stacking.hpp>
#include <embargo/models/standardized.hpp>

#endif
