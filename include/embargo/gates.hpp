// embargo: umbrella header for gates/ (tiered gate, criteria, overfitting detector, promotion,
// champion/challenger, regime gate, dual-model switch). Free of JSON: the archive/ headers
// read and write these types.
#ifndef EMBARGO_GATES_HPP
#define EMBARGO_GATES_HPP

#include <embargo/gates/assessment.hpp>
#include <embargo/gates/champion_challenger.hpp>
#include <embargo/gates/criteria.hpp>
#include <embargo/gates/dual_model_switch.hpp>
#include <embargo/gates/metrics_record.hpp>
#include <embargo/gates/overfitting_detector.hpp>
#include <embargo/gates/promotion_gate.hpp>
#include <embargo/gates/regime_gate.hpp>
#include <embargo/gates/tier.hpp>
#include <embargo/gates/tiered_gate.hpp>

#endif
