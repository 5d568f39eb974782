// embargo: metric_set<Tags...>, a single-pass, mergeable accumulator of return statistics.
//
//   metric_set<tag::sharpe, tag::sortino, tag::max_drawdown> acc({.periods_per_year = 252});
//   acc.push(returns);                        // a span, vector or any contiguous range of double
//   double s = extract<tag::sharpe>(acc);
//   for (auto [name, value] : acc.results()) ...   // the requested statistics, in order
//
// The set stores each state its statistics need once (dependencies resolved at compile time),
// pushes every observation through all of them in one pass, and merges with a set built with
// the same options: merge(a, b) equals one pass over a ++ b, so folds, symbols and threads can
// be accumulated apart and combined in a fixed order.
#ifndef EMBARGO_METRICS_METRIC_SET_HPP
#define EMBARGO_METRICS_METRIC_SET_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <ranges>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <embargo/core/error.hpp>
#include <embargo/metrics/impl/simd.hpp>
#include <embargo/metrics/feature.hpp>
#include <embargo/metrics/options.hpp>
#include <embargo/metrics/type_list.hpp>

namespace embargo {

template <class Set>
class rolling;

/// One (name, value) of a set's results; names are stable JSON keys.
struct metric_value {
  std::string_view name;
  double value;
};

namespace detail {
template <class T>
struct is_state : std::bool_constant<metric_state<T>> {};
template <class T>
struct is_statistic : std::bool_constant<metric_statistic<T>> {};

template <class List>
struct tuple_of;
template <class... S>
struct tuple_of<type_list<S...>> {
  using type = std::tuple<S...>;
};

template <class List>
struct result_names;
template <class... S>
struct result_names<type_list<S...>> {
  static constexpr std::array<std::string_view, sizeof...(S)> value{S::name...};
};

inline constexpr std::size_t block_size = 2048;  // 16 KiB of doubles: every state's pass stays in L1
}  // namespace detail

template <class... Tags>
class metric_set {
  static_assert(sizeof...(Tags) > 0, "a metric_set needs at least one feature");
  static_assert((metric_feature<Tags> && ...), "every tag must be a metric state or a metric statistic");

 public:
  using features = dependency_closure<Tags...>;
  using states = typename detail::filter<detail::is_state, features>::type;
  using statistics = typename detail::filter<detail::is_statistic, type_list<Tags...>>::type;

  explicit metric_set(const metric_options& options = {}) : options_(options) { options_.validate(); }

  const metric_options& options() const noexcept { return options_; }
  /// Observations admitted (after the NaN policy).
  std::size_t count() const noexcept { return count_; }
  /// Non-finite inputs that were skipped (policy skip) or that poisoned the set (propagate).
  std::size_t nonfinite() const noexcept { return nonfinite_; }
  bool poisoned() const noexcept { return poisoned_; }

  // Not noexcept: the sample store and the underwater state allocate.
  void push(double x) {
    if (!std::isfinite(x)) [[unlikely]] {
      ++nonfinite_;
      if (options_.nan != nan_policy::zero) {
        poisoned_ = poisoned_ || options_.nan == nan_policy::propagate;
        return;
      }
      x = 0.0;
    }
    ++count_;
    std::apply([&](auto&... s) { (s.push(x, options_), ...); }, states_);
  }

  /// Bulk push, in blocks that stay in L1 so that each state can run its own vectorised pass.
  void push(std::span<const double> xs) {
    std::array<double, detail::block_size> clean;
    for (std::size_t i = 0; i < xs.size(); i += detail::block_size) {
      auto block = xs.subspan(i, std::min(detail::block_size, xs.size() - i));
      if (!all_finite(block)) [[unlikely]] {
        std::size_t m = 0;
        for (double x : block) {
          if (std::isfinite(x)) {
            clean[m++] = x;
            continue;
          }
          ++nonfinite_;
          if (options_.nan == nan_policy::zero) clean[m++] = 0.0;
          poisoned_ = poisoned_ || options_.nan == nan_policy::propagate;
        }
        block = std::span<const double>(clean.data(), m);
      }
      count_ += block.size();
      std::apply([&](auto&... s) { (push_block_into(s, block), ...); }, states_);
    }
  }

  template <class R>
    requires std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
             std::same_as<std::remove_cv_t<std::ranges::range_value_t<R>>, double>
  void push(const R& r) {
    push(std::span<const double>(std::ranges::data(r), std::ranges::size(r)));
  }

  /// Eigen vectors with direct access (VectorXd, a matrix column or row, Ref, Map): contiguous ones
  /// take the bulk path, strided ones (a row of a column-major matrix) go one value at a time.
  /// Duck-typed, so this header does not include Eigen. Armadillo: embargo/backend/armadillo.hpp.
  template <class V>
    requires(!std::ranges::contiguous_range<V>) && requires(const V& v) {
      { v.data() } -> std::convertible_to<const double*>;
      { v.size() } -> std::convertible_to<std::ptrdiff_t>;
      { v.innerStride() } -> std::convertible_to<std::ptrdiff_t>;
      { v.rows() } -> std::convertible_to<std::ptrdiff_t>;
      { v.cols() } -> std::convertible_to<std::ptrdiff_t>;
    }
  void push(const V& v) {
    embargo::detail::require(v.rows() == 1 || v.cols() == 1, "metric_set::push: a matrix is not a series (push a column)");
    const auto n = static_cast<std::size_t>(v.size());
    const auto stride = static_cast<std::size_t>(v.innerStride());
    if (stride == 1) {
      push(std::span<const double>(v.data(), n));
      return;
    }
    for (std::size_t i = 0; i < n; ++i) push(v.data()[i * stride]);
  }

  /// Appends `later` (observations that come after this set's, in time order).
  void merge(const metric_set& later) {
    embargo::detail::require(options_ == later.options_, "metric_set::merge: the two sets were built with different options");
    count_ += later.count_;
    nonfinite_ += later.nonfinite_;
    poisoned_ = poisoned_ || later.poisoned_;
    merge_states(later, std::make_index_sequence<states::size>{});
  }

  template <class State>
  const State& state() const noexcept {
    static_assert(detail::contains<State, states>::value, "this set does not hold that state");
    return std::get<detail::index_of<State, states>::value>(states_);
  }

  template <class Statistic>
  double value() const {
    static_assert(metric_statistic<Statistic>, "value<T>() needs a statistic tag");
    if (poisoned_) return std::numeric_limits<double>::quiet_NaN();
    return Statistic::value(*this);
  }

  /// The requested statistics in the order of the template arguments.
  std::array<metric_value, statistics::size> results() const {
    return results_of(static_cast<statistics*>(nullptr));
  }

 private:
  template <class Set>
  friend class rolling;

  static bool all_finite(std::span<const double> xs) noexcept {
    // x · 0 is 0 for every finite x and NaN otherwise, so one sum answers for the whole block.
    const double* x = xs.data();
    double a = 0;
    std::size_t i = 0;
#ifdef EMBARGO_METRICS_VECTOR
    detail::vecd a0 = detail::splat(0), a1 = a0;
    for (; i + 2 * detail::vlanes <= xs.size(); i += 2 * detail::vlanes) {
      a0 += detail::loadv(x + i) * 0.0;
      a1 += detail::loadv(x + i + detail::vlanes) * 0.0;
    }
    a = detail::hsum(a0 + a1);
#endif
    for (; i < xs.size(); ++i) a += x[i] * 0.0;
    return a == 0.0;
  }

  template <class S>
  void push_block_into(S& s, std::span<const double> block) {
    if constexpr (block_state<S>)
      s.push_block(block, options_);
    else
      for (double x : block) s.push(x, options_);
  }

  template <std::size_t... I>
  void merge_states(const metric_set& later, std::index_sequence<I...>) {
    (std::get<I>(states_).merge(std::get<I>(later.states_)), ...);
  }

  template <class... S>
  std::array<metric_value, sizeof...(S)> results_of(type_list<S...>*) const {
    return {metric_value{S::name, value<S>()}...};
  }

  metric_options options_;
  typename detail::tuple_of<states>::type states_{};
  std::size_t count_ = 0;
  std::size_t nonfinite_ = 0;
  bool poisoned_ = false;
};

/// extract<tag::sharpe>(acc): Boost.Accumulators' spelling of acc.value<tag::sharpe>().
template <class Statistic, class Set>
double extract(const Set& set) {
  return set.template value<Statistic>();
}

}  // namespace embargo

#endif
