// embargo: the umbrella header. Includes every core component (not the optional companions:
// JSON archive, Armadillo backend, XGBoost adapter, which have their own headers).
#ifndef EMBARGO_EMBARGO_HPP
#define EMBARGO_EMBARGO_HPP

#include <embargo/version.hpp>
#include <embargo/core.hpp>
#include <embargo/data.hpp>

#endif
