// embargo: umbrella header of samplers/ (sample weights and samplers, López de Prado 2018,
// ch. 4): uniqueness, return attribution, time decay, recency, class and regime weights, their
// product, the sequential bootstrap and the regime-balanced sampler.
#ifndef EMBARGO_SAMPLERS_HPP
#define EMBARGO_SAMPLERS_HPP

#include <embargo/samplers/class_balance.hpp>
#include <embargo/samplers/concepts.hpp>
#include <embargo/samplers/numpy_random.hpp>
#include <embargo/samplers/recency.hpp>
#include <embargo/samplers/regime_balanced.hpp>
#include <embargo/samplers/regime_weight.hpp>
#include <embargo/samplers/return_attribution.hpp>
#include <embargo/samplers/sequential_bootstrap.hpp>
#include <embargo/samplers/time_decay.hpp>
#include <embargo/samplers/uniqueness.hpp>
#include <embargo/samplers/weight_product.hpp>

#endif
