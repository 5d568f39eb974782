// embargo: event sampling and volatility targets (umbrella header of include/embargo/events/).
// CUSUM filter; mlfinlab's daily volatility and the bar-horizon variant.
// Include this or the single headers; both are self-contained.
#ifndef EMBARGO_EVENTS_HPP
#define EMBARGO_EVENTS_HPP

#include <embargo/events/cusum.hpp>
#include <embargo/events/daily_volatility.hpp>

#endif
