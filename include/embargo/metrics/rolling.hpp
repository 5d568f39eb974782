// embargo: rolling<Set>, the statistics of a metric set over the last `window` observations,
// updated in amortised O(1) per step wherever the maths allows (spec §4.4):
//   - states that can forget a value (sums, log growth) add the new value and remove the oldest;
//     moments<2> does the same on sums about a centre (state::shifted_moments); the window is
//     rebuilt from its values every 16 windows, so rounding cannot drift;
//   - the drawdown monoid cannot be inverted, so it runs as a two-stack queue of chunks: one
//     combine per step, and every `window` steps one pass that turns the newer half into
//     suffix aggregates (no O(window) rescan per step, unlike empyrical or vectorbt);
//   - any other state (sample store, underwater periods, moments<4>) is rebuilt from the window
//     at each step: correct, O(window).
// A slot is one push: a non-finite value occupies its slot and is handled by the NaN policy
// (skip: not an observation; zero: a flat period; propagate: NaN while it is in the window).
#ifndef EMBARGO_METRICS_ROLLING_HPP
#define EMBARGO_METRICS_ROLLING_HPP

#include <cmath>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/metrics/feature.hpp>
#include <embargo/metrics/metric_set.hpp>
#include <embargo/metrics/state/moments.hpp>

namespace embargo::metrics {

namespace impl {
/// A cheaper representation a state uses inside a window (push, remove, reset, materialize).
template <class S>
struct rolling_form {
  using type = void;
};
template <>
struct rolling_form<state::moments<2>> {
  using type = state::shifted_moments;
};
template <class S>
inline constexpr bool has_rolling_form = !std::is_void_v<typename rolling_form<S>::type>;

template <class S>
struct window_queue {};  // nothing to keep for removable or rebuilt states

template <class S>
  requires has_rolling_form<S>
struct window_queue<S> {
  typename rolling_form<S>::type form{};
};

template <windowed_state S>
  requires(!removable_state<S> && !has_rolling_form<S>)
struct window_queue<S> {
  using chunk = typename S::window_chunk;
  std::vector<chunk> suffix;  // suffix aggregates of the older part of the window
  std::size_t front = 0;      // first live entry of `suffix`
  chunk back{};               // aggregate of the newer part
};

template <class List>
struct queues_of;
template <class... S>
struct queues_of<type_list<S...>> {
  using type = std::tuple<window_queue<S>...>;
};
}  // namespace impl

template <class Set>
class rolling {
 public:
  explicit rolling(std::size_t window, const metric_options& options = {}) : window_(window), live_(options) {
    embargo::detail::require(window >= 1, "rolling: the window must hold at least one observation");
    ring_.resize(window);
  }

  std::size_t window_length() const noexcept { return window_; }
  /// Slots currently in the window (pushes, non-finite ones included).
  std::size_t size() const noexcept { return pushed_ < window_ ? pushed_ : window_; }
  bool full() const noexcept { return pushed_ >= window_; }

  /// The set over the window; read it with value<Tag>() or results().
  const Set& window() const noexcept { return live_; }

  void push(double x) {
    if (full() && std::isfinite(x) && std::isfinite(ring_[next_])) [[likely]] {
      // The common step: a finite value replaces a finite one, so counts and the NaN policy's
      // bookkeeping stay as they are and slidable states take both in one update.
      slide_states(ring_[next_], x, std::make_index_sequence<states::size>{});
    } else {
      if (full()) evict(ring_[next_]);
      admit(x);
    }
    ring_[next_] = x;
    next_ = next_ + 1 == window_ ? 0 : next_ + 1;
    ++pushed_;
    if (++since_rebuild_ >= rebuild_period * window_) {
      since_rebuild_ = 0;
      rebuild_removable(std::make_index_sequence<states::size>{});
    }
    refresh(std::make_index_sequence<states::size>{});
  }

 private:
  using states = typename Set::states;
  // Removable sums are rebuilt from the window every rebuild_period windows: rounding drift over
  // 16 windows of adds and removes is ~1e-13 relative (the tests compare with fresh sets at 1e-9),
  // and rebuilding every window cost a sixth of each step (36 → 30 ms on the bench task).
  static constexpr std::size_t rebuild_period = 16;

  // The value a slot contributes under the NaN policy, or false when it is not an observation.
  bool observation(double x, double& v) const noexcept {
    if (std::isfinite(x)) {
      v = x;
      return true;
    }
    v = 0.0;
    return live_.options_.nan == nan_policy::zero;
  }

  template <class F>
  void for_each_slot(F&& f) const {  // the raw slots, oldest first
    const std::size_t n = size(), oldest = full() ? next_ : 0;
    for (std::size_t i = 0; i < n; ++i) f(ring_[oldest + i < window_ ? oldest + i : oldest + i - window_]);
  }
  template <class F>
  void for_each_observation(F&& f) const {
    for_each_slot([&](double x) {
      double v;
      if (observation(x, v)) f(v);
    });
  }

  void admit(double x) {
    if (!std::isfinite(x)) ++live_.nonfinite_;
    double v;
    if (!observation(x, v)) {
      update_poison();
      return;
    }
    ++live_.count_;
    update_poison();
    admit_states(v, std::make_index_sequence<states::size>{});
  }

  void evict(double x) {
    if (!std::isfinite(x)) --live_.nonfinite_;
    double v;
    const bool obs = observation(x, v);
    if (obs) --live_.count_;
    evict_states(obs, v, std::make_index_sequence<states::size>{});
  }

  void update_poison() noexcept {
    live_.poisoned_ = live_.options_.nan == nan_policy::propagate && live_.nonfinite_ > 0;
  }

  template <std::size_t... I>
  void admit_states(double v, std::index_sequence<I...>) {
    (admit_state<I>(v), ...);
  }
  template <std::size_t I>
  void admit_state(double v) {
    using S = std::tuple_element_t<I, typename impl::tuple_of<states>::type>;
    auto& s = std::get<I>(live_.states_);
    if constexpr (impl::has_rolling_form<S>) {
      std::get<I>(queues_).form.push(v);
    } else if constexpr (removable_state<S>) {
      s.push(v, live_.options_);
    } else if constexpr (windowed_state<S>) {
      auto& q = std::get<I>(queues_);
      q.back = S::combine(q.back, S::chunk_of(v));
    }
  }

  template <std::size_t... I>
  void slide_states(double out, double in, std::index_sequence<I...>) {
    (slide_state<I>(out, in), ...);
  }
  template <std::size_t I>
  void slide_state(double out, double in) {
    using S = std::tuple_element_t<I, typename impl::tuple_of<states>::type>;
    if constexpr (impl::has_rolling_form<S>) {
      std::get<I>(queues_).form.slide(out, in);
    } else if constexpr (slidable_state<S>) {
      std::get<I>(live_.states_).slide(out, in, live_.options_);
    } else {
      evict_state<I>(true, out);
      admit_state<I>(in);
    }
  }

  template <std::size_t... I>
  void evict_states(bool obs, double v, std::index_sequence<I...>) {
    (evict_state<I>(obs, v), ...);
  }
  template <std::size_t I>
  void evict_state(bool obs, double v) {
    using S = std::tuple_element_t<I, typename impl::tuple_of<states>::type>;
    if constexpr (impl::has_rolling_form<S>) {
      if (obs) std::get<I>(queues_).form.remove(v);
    } else if constexpr (removable_state<S>) {
      if (obs) std::get<I>(live_.states_).remove(v, live_.options_);
    } else if constexpr (windowed_state<S>) {
      auto& q = std::get<I>(queues_);
      if (q.front == q.suffix.size()) flip<S>(q);
      ++q.front;
    }
  }

  // The whole window moves to the older side as suffix aggregates; the newer side starts empty.
  // Non-observations are identity chunks (a skipped period leaves the wealth path unchanged).
  template <class S>
  void flip(impl::window_queue<S>& q) {
    using chunk = typename S::window_chunk;
    q.suffix.resize(size());
    std::size_t i = 0;
    for_each_slot([&](double x) {
      double v;
      q.suffix[i++] = observation(x, v) ? S::chunk_of(v) : chunk{};
    });
    // The running aggregate stays in registers: reading back the entry just stored would put a
    // store-to-load forwarding delay on this serial chain at every step.
    chunk acc{};  // the identity: combine(c, chunk{}) == c
    for (i = q.suffix.size(); i-- > 0;) q.suffix[i] = acc = S::combine(q.suffix[i], acc);
    q.front = 0;
    q.back = typename S::window_chunk{};
  }

  template <std::size_t... I>
  void rebuild_removable(std::index_sequence<I...>) {
    (rebuild_if<I, true>(), ...);
  }
  template <std::size_t... I>
  void refresh(std::index_sequence<I...>) {
    (refresh_state<I>(), ...);
  }
  template <std::size_t I>
  void refresh_state() {
    using S = std::tuple_element_t<I, typename impl::tuple_of<states>::type>;
    if constexpr (impl::has_rolling_form<S>) {
      std::get<I>(queues_).form.materialize(std::get<I>(live_.states_));
    } else if constexpr (removable_state<S>) {
      // kept up to date by admit/evict
    } else if constexpr (windowed_state<S>) {
      auto& q = std::get<I>(queues_);
      const auto c = q.front < q.suffix.size() ? S::combine(q.suffix[q.front], q.back) : q.back;
      std::get<I>(live_.states_).assign(c);
    } else {
      rebuild_if<I, false>();
    }
  }
  template <std::size_t I, bool Removable>
  void rebuild_if() {
    using S = std::tuple_element_t<I, typename impl::tuple_of<states>::type>;
    if constexpr (impl::has_rolling_form<S>) {
      if constexpr (Removable) {
        std::vector<double>& values = scratch_;
        values.clear();
        for_each_observation([&](double v) { values.push_back(v); });
        std::get<I>(queues_).form.reset(values);
      }
    } else if constexpr (removable_state<S> == Removable && (Removable || !windowed_state<S>)) {
      S fresh{};
      for_each_observation([&](double v) { fresh.push(v, live_.options_); });
      std::get<I>(live_.states_) = std::move(fresh);
    }
  }

  std::size_t window_;
  Set live_;
  std::vector<double> ring_;
  std::size_t next_ = 0;  // slot the next push writes (the oldest one once full)
  std::size_t pushed_ = 0;
  std::size_t since_rebuild_ = 0;
  typename impl::queues_of<states>::type queues_{};
  std::vector<double> scratch_;
};

}  // namespace embargo::metrics

#endif
