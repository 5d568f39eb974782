// embargo: labelers (umbrella header of include/embargo/labelers/): triple barrier, fixed
// horizon, trend scanning, meta-labels and the ATR target.
// Include this or the single headers; each is self-contained.
#ifndef EMBARGO_LABELERS_HPP
#define EMBARGO_LABELERS_HPP

#include <embargo/labelers/atr_target.hpp>
#include <embargo/labelers/forward_return.hpp>
#include <embargo/labelers/meta_label.hpp>
#include <embargo/labelers/regime.hpp>
#include <embargo/labelers/trend_scanning.hpp>
#include <embargo/labelers/triple_barrier.hpp>

#endif
