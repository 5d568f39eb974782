// embargo: the concepts that name each component's role.
// Names are the contract (DESIGN.md §3); every component has static_assert(concept<T>) under
// its class so that a broken shape fails where it is defined, not in a user's pipeline.
#ifndef EMBARGO_CORE_CONCEPTS_HPP
#define EMBARGO_CORE_CONCEPTS_HPP

#include <concepts>
#include <cstddef>
#include <ranges>
#include <span>
#include <type_traits>
#include <vector>

#include <embargo/core/fold.hpp>
#include <embargo/core/interval.hpp>

namespace embargo {

/// A sized contiguous range of double: std::vector<double>, std::span<const double>, an Eigen
/// vector's data through std::span, std::array<double, N>.
template <class R>
concept series = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
                 std::same_as<std::remove_cv_t<std::ranges::range_value_t<R>>, double>;

/// A sized range of interval (events).
template <class R>
concept interval_range = std::ranges::sized_range<R> &&
                         std::same_as<std::remove_cv_t<std::ranges::range_value_t<R>>, interval>;

/// split(events) -> std::vector<fold>.
template <class S, class Events = std::vector<interval>>
concept splitter = interval_range<Events> && requires(const S& s, const Events& e) {
  { s.split(e) } -> std::same_as<std::vector<fold>>;
};

/// weights(events, n_bars) -> std::vector<double>, one weight per event.
template <class W, class Events = std::vector<interval>>
concept weight_scheme = interval_range<Events> && requires(const W& w, const Events& e, std::size_t n) {
  { w.weights(e, n) } -> std::same_as<std::vector<double>>;
};

/// One labelled span: the bar positions t0 (the event) and t1 (the last bar the label reads) and a
/// label (an integer class, or an enum such as regime). barrier_label, forward_label,
/// trend_label, meta_label_result and regime_label are.
template <class L>
concept labeled_interval = requires(const L& l) {
  { l.t0 } -> std::convertible_to<std::size_t>;
  { l.t1 } -> std::convertible_to<std::size_t>;
  l.label;
};

/// label(prices, events) -> a sized range of labeled_interval: prices in (closes, or a labeler's
/// own price bundle such as barrier_prices), events as bar positions or as spans
/// (meta-labels), intervals with labels out, ready to be purged.
template <class L, class Prices = std::span<const double>, class Events = std::span<const std::size_t>>
concept labeler = requires(const L& l, const Prices& p, const Events& e) {
  { l.label(p, e) } -> std::ranges::sized_range;
  requires labeled_interval<std::ranges::range_value_t<decltype(l.label(p, e))>>;
};

}  // namespace embargo

#endif
