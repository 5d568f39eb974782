// embargo: umbrella header of strategy/ (costs, bet sizing, consensus across engines).
#ifndef EMBARGO_STRATEGY_HPP
#define EMBARGO_STRATEGY_HPP

#include <embargo/strategy/bet_sizing.hpp>
#include <embargo/strategy/consensus.hpp>
#include <embargo/strategy/cost_model.hpp>

#endif
