// embargo: the two kinds of feature a metric set is made of (DESIGN.md §3, `metric_feature`).
//
// A *state* accumulates: it is a regular type with push(x, options) and merge(later) (this,
// then `later`, in time order: drawdowns do not commute). It may add push_block(span, options)
// for a faster bulk path and remove(x, options) when the state can forget an observation (sums:
// rolling windows then update in O(1) instead of using a two-stack queue).
//
// A *statistic* is a stateless tag with a `name` and `value(set)` that reads the states it lists
// in `dependencies`. A set resolves the closure of dependencies at compile time, so Sharpe,
// Sortino and volatility in one set share a single moments state.
#ifndef EMBARGO_METRICS_FEATURE_HPP
#define EMBARGO_METRICS_FEATURE_HPP

#include <concepts>
#include <span>
#include <string_view>
#include <type_traits>

#include <embargo/metrics/options.hpp>

namespace embargo {

template <class S>
concept metric_state = std::copyable<S> && std::default_initializable<S> &&
                       requires(S& s, const S& later, double x, const metric_options& o) {
                         s.push(x, o);
                         s.merge(later);
                       };

template <class S>
concept block_state = metric_state<S> && requires(S& s, std::span<const double> xs, const metric_options& o) {
  s.push_block(xs, o);
};

template <class S>
concept removable_state = metric_state<S> && requires(S& s, double x, const metric_options& o) {
  s.remove(x, o);
};

/// A removable state that can also replace its oldest observation by a new one in one update:
/// slide(out, in) equals remove(out) then push(in), but adds one difference to each sum, so a
/// rolling step's dependency chain through each sum is one addition long instead of two.
template <class S>
concept slidable_state = removable_state<S> && requires(S& s, double out, double in, const metric_options& o) {
  s.slide(out, in, o);
};

/// A state with a linear-time-free window form: chunk_of(x), an associative combine and
/// assign(chunk). The rolling adaptor keeps a two-stack queue of chunks for it.
template <class S>
concept windowed_state = metric_state<S> && requires(S& s, double x, const typename S::window_chunk& c) {
  { S::chunk_of(x) } -> std::same_as<typename S::window_chunk>;
  { S::combine(c, c) } -> std::same_as<typename S::window_chunk>;
  s.assign(c);
};

template <class T>
concept metric_statistic = std::is_empty_v<T> && requires {
  { T::name } -> std::convertible_to<std::string_view>;
};

/// DESIGN.md's name for either kind.
template <class T>
concept metric_feature = metric_state<T> || metric_statistic<T>;

}  // namespace embargo

#endif
