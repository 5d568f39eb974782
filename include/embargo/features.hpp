// embargo: umbrella header of the feature indicators, ranks, scalers and named feature sets.
// Indicators follow R TTR's conventions (DESIGN.md section 7); every feature is causal.
// See docs/features.md.
#ifndef EMBARGO_FEATURES_HPP
#define EMBARGO_FEATURES_HPP

#include <embargo/features/atr.hpp>
#include <embargo/features/bollinger.hpp>
#include <embargo/features/cross_sectional_rank.hpp>
#include <embargo/features/ema.hpp>
#include <embargo/features/ewm_volatility.hpp>
#include <embargo/features/feature_set.hpp>
#include <embargo/features/macd.hpp>
#include <embargo/features/returns.hpp>
#include <embargo/features/rsi.hpp>
#include <embargo/features/scalers.hpp>
#include <embargo/features/sma.hpp>
#include <embargo/features/volatility.hpp>
#include <embargo/features/volume.hpp>

#endif
