// embargo: rolling<Set>, the statistics of a metric set over the last `window` observations,
// updated in amortised O(1) per step wherever the maths allows (spec §4.4):
//   - states that can forget a value (sums, log growth) add the new value and remove the oldest
//     (one slide(out, in) per full-window step where the state offers it); moments<2> does the
//     same on sums about a centre (detail::shifted_moments); the window is rebuilt from its
//     values every 16 windows, so rounding cannot drift;
//   - the drawdown monoid cannot be inverted, so it runs as a two-stack queue of chunks: one
//     combine per step, and every `window` steps one pass that turns the newer half into
//     suffix aggregates (no O(window) rescan per step, unlike empyrical or vectorbt); a whole
//     series pushed at once (push(span, f)) takes the same aggregates for a block of windows
//     from two scans instead;
//   - any other state (sample store, underwater periods, moments<4>) is rebuilt from the window
//     at each step: correct, O(window).
// A slot is one push: a non-finite value occupies its slot and is handled by the NaN policy
// (skip: not an observation; zero: a flat period; propagate: NaN while it is in the window).
#ifndef EMBARGO_METRICS_ROLLING_HPP
#define EMBARGO_METRICS_ROLLING_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/metrics/feature.hpp>
#include <embargo/metrics/metric_set.hpp>
#include <embargo/metrics/state/moments.hpp>

namespace embargo {

namespace detail {
/// A cheaper representation a state uses inside a window (push, remove, reset, materialize).
template <class S>
struct rolling_form {
  using type = void;
};
template <>
struct rolling_form<detail::moments<2>> {
  using type = detail::shifted_moments;
};
template <class S>
inline constexpr bool has_rolling_form = !std::is_void_v<typename rolling_form<S>::type>;

/// Kept as a two-stack queue of chunks (the drawdown): windowed, and neither removable nor
/// rolled in another form.
template <class S>
concept queued_state = windowed_state<S> && !removable_state<S> && !has_rolling_form<S>;

template <class S>
struct window_queue {};  // nothing to keep for removable or rebuilt states

template <class S>
  requires has_rolling_form<S>
struct window_queue<S> {
  typename rolling_form<S>::type form{};
};

template <queued_state S>
struct window_queue<S> {
  using chunk = typename S::window_chunk;
  std::vector<chunk> suffix;  // suffix aggregates of the older part of the window
  std::size_t front = 0;      // first live entry of `suffix`
  chunk back{};               // aggregate of the newer part
  std::vector<chunk> batch;   // push(span, f): the aggregate of each window of a block
};

template <class List>
struct queues_of;
template <class... S>
struct queues_of<type_list<S...>> {
  using type = std::tuple<window_queue<S>...>;
};
}  // namespace detail

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
      slide_states<false>(ring_[next_], x, std::make_index_sequence<states::size>{});
    } else {
      if (full()) evict(ring_[next_]);
      admit(x);
    }
    advance(x);
    refresh<false>(0, std::make_index_sequence<states::size>{});
  }

  /// Pushes xs in order and calls on_window(i, window()) after each push that leaves the window
  /// full (i indexes xs): the windows of push(x) one value at a time, equal to rounding (the
  /// drawdown monoid is combined in another order, a few ulps). Faster on long spans: while the
  /// window and a block of new values are finite, each windowed state (drawdown) gets the
  /// aggregates of all windows ending in the block from two scans, the window's suffixes and the
  /// block's prefixes, instead of a queue step, a flip and a combine per value. If on_window
  /// throws, the exception propagates and the rolling object must be discarded.
  template <class F>
  void push(std::span<const double> xs, F&& on_window) {
    std::size_t i = 0;
    while (i < xs.size()) {
      // A block ends before the step that rebuilds the removable sums, which push(x) takes: the
      // sums then go through the same operations as one value at a time, bit for bit.
      const std::size_t before_rebuild = rebuild_period * window_ - 1 - since_rebuild_;
      std::size_t b = 0;
      if (full() && live_.nonfinite_ == 0)
        while (b < std::min(window_, before_rebuild) && i + b < xs.size() && std::isfinite(xs[i + b])) ++b;
      if (b == 0) {  // filling the window, a non-finite value in it, or a rebuild: one value at a time
        push(xs[i]);
        if (full()) on_window(i, std::as_const(live_));
        ++i;
        continue;
      }
      const auto block = xs.subspan(i, b);
      window_aggregates(block, std::make_index_sequence<states::size>{});
      // The ring is written after the block (b <= window: each value leaves later than its block
      // ends), unless a state is rebuilt from the ring at every step (sample store, underwater
      // periods).
      const std::size_t start = next_, pushed = pushed_;
      for (std::size_t j = 0, slot = start; j < b; ++j, slot = slot + 1 == window_ ? 0 : slot + 1) {
        slide_states<true>(ring_[slot], block[j], std::make_index_sequence<states::size>{});
        if constexpr (has_rebuilt_state) {
          ring_[slot] = block[j];
          next_ = slot + 1 == window_ ? 0 : slot + 1;
          ++pushed_;
        }
        refresh<true>(j, std::make_index_sequence<states::size>{});
        on_window(i + j, std::as_const(live_));
      }
      if constexpr (!has_rebuilt_state) {
        const std::size_t head = std::min(b, window_ - start);
        std::copy_n(block.begin(), head, ring_.begin() + static_cast<std::ptrdiff_t>(start));
        std::copy(block.begin() + static_cast<std::ptrdiff_t>(head), block.end(), ring_.begin());
      }
      next_ = (start + b) % window_;
      pushed_ = pushed + b;
      since_rebuild_ += b;
      // The queues were bypassed: empty ones make the next push(x) flip the whole window.
      reset_queues(std::make_index_sequence<states::size>{});
      i += b;
    }
  }

 private:
  using states = typename Set::states;
  template <class S>
  static constexpr bool rebuilt_each_step = !detail::has_rolling_form<S> && !removable_state<S> && !windowed_state<S>;
  template <class List>
  struct any_rebuilt;
  template <class... S>
  struct any_rebuilt<type_list<S...>> : std::bool_constant<(rebuilt_each_step<S> || ...)> {};
  // A state rebuilt from the ring at every step needs the ring current inside a batch too.
  static constexpr bool has_rebuilt_state = any_rebuilt<states>::value;
  // Removable sums are rebuilt from the window every rebuild_period windows: rounding drift over
  // 16 windows of adds and removes is ~1e-13 relative (the tests compare with fresh sets at 1e-9),
  // and rebuilding every window cost a sixth of each step (36 → 30 ms on the bench task).
  static constexpr std::size_t rebuild_period = 16;

  // Writes x into the ring and rebuilds the removable sums when their period is due.
  void advance(double x) {
    ring_[next_] = x;
    next_ = next_ + 1 == window_ ? 0 : next_ + 1;
    ++pushed_;
    if (++since_rebuild_ >= rebuild_period * window_) [[unlikely]]
      rebuild_removable();
  }
  // Out of line: once per rebuild_period windows, and kept out of the inlined step.
  [[gnu::noinline]] void rebuild_removable() {
    since_rebuild_ = 0;
    rebuild_removable(std::make_index_sequence<states::size>{});
  }

  // For each windowed state: q.batch[j] = the window that ends at block[j], i.e. the suffix of
  // the current window from slot j + 1 combined with the prefix block[0..j]. The window and the
  // block are finite (every slot is an observation). The prefix and the suffix scans are serial
  // chains kept in registers; the combines that join them are independent of one another.
  template <std::size_t... I>
  void window_aggregates(std::span<const double> block, std::index_sequence<I...>) {
    (window_aggregates_of<I>(block), ...);
  }
  template <std::size_t I>
  void window_aggregates_of(std::span<const double> block) {
    using S = std::tuple_element_t<I, typename detail::tuple_of<states>::type>;
    if constexpr (detail::queued_state<S>) {
      using chunk = typename S::window_chunk;
      auto& q = std::get<I>(queues_);
      const std::size_t b = block.size();
      q.batch.resize(b);
      chunk acc{};
      for (std::size_t j = 0; j < b; ++j) q.batch[j] = acc = S::combine(acc, S::chunk_of(block[j]));
      acc = chunk{};
      for (std::size_t k = window_ - 1; k >= 1; --k) {  // slot k of the window, oldest first
        const std::size_t slot = next_ + k < window_ ? next_ + k : next_ + k - window_;
        acc = S::combine(S::chunk_of(ring_[slot]), acc);
        if (k <= b) q.batch[k - 1] = S::combine(acc, q.batch[k - 1]);
      }
    }
  }
  template <std::size_t... I>
  void reset_queues(std::index_sequence<I...>) {
    (reset_queue<I>(), ...);
  }
  template <std::size_t I>
  void reset_queue() {
    using S = std::tuple_element_t<I, typename detail::tuple_of<states>::type>;
    if constexpr (detail::queued_state<S>) {
      auto& q = std::get<I>(queues_);
      q.suffix.clear();
      q.front = 0;
      q.back = typename S::window_chunk{};
    }
  }

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
    const std::size_t n = size(), oldest = full() ? next_ : 0, first = std::min(n, window_ - oldest);
    for (std::size_t i = oldest; i < oldest + first; ++i) f(ring_[i]);
    for (std::size_t i = 0; i < n - first; ++i) f(ring_[i]);
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
    using S = std::tuple_element_t<I, typename detail::tuple_of<states>::type>;
    auto& s = std::get<I>(live_.states_);
    if constexpr (detail::has_rolling_form<S>) {
      std::get<I>(queues_).form.push(v);
    } else if constexpr (removable_state<S>) {
      s.push(v, live_.options_);
    } else if constexpr (windowed_state<S>) {
      auto& q = std::get<I>(queues_);
      q.back = S::combine(q.back, S::chunk_of(v));
    }
  }

  // Batched: the windowed states' aggregates come from window_aggregates, not from the queue.
  template <bool Batched, std::size_t... I>
  void slide_states(double out, double in, std::index_sequence<I...>) {
    (slide_state<I, Batched>(out, in), ...);
  }
  template <std::size_t I, bool Batched>
  void slide_state(double out, double in) {
    using S = std::tuple_element_t<I, typename detail::tuple_of<states>::type>;
    if constexpr (detail::has_rolling_form<S>) {
      std::get<I>(queues_).form.slide(out, in);
    } else if constexpr (slidable_state<S>) {
      std::get<I>(live_.states_).slide(out, in, live_.options_);
    } else if constexpr (!Batched || !detail::queued_state<S>) {
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
    using S = std::tuple_element_t<I, typename detail::tuple_of<states>::type>;
    if constexpr (detail::has_rolling_form<S>) {
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
  void flip(detail::window_queue<S>& q) {
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
  template <bool Batched, std::size_t... I>
  void refresh(std::size_t j, std::index_sequence<I...>) {
    (refresh_state<I, Batched>(j), ...);
  }
  template <std::size_t I, bool Batched>
  void refresh_state([[maybe_unused]] std::size_t j) {
    using S = std::tuple_element_t<I, typename detail::tuple_of<states>::type>;
    if constexpr (detail::has_rolling_form<S>) {
      std::get<I>(queues_).form.materialize(std::get<I>(live_.states_));
    } else if constexpr (removable_state<S>) {
      // kept up to date by admit/evict
    } else if constexpr (windowed_state<S>) {
      auto& q = std::get<I>(queues_);
      if constexpr (Batched) {
        std::get<I>(live_.states_).assign(q.batch[j]);
      } else {
        const auto c = q.front < q.suffix.size() ? S::combine(q.suffix[q.front], q.back) : q.back;
        std::get<I>(live_.states_).assign(c);
      }
    } else {
      rebuild_if<I, false>();
    }
  }
  template <std::size_t I, bool Removable>
  void rebuild_if() {
    using S = std::tuple_element_t<I, typename detail::tuple_of<states>::type>;
    if constexpr (detail::has_rolling_form<S>) {
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
  typename detail::queues_of<states>::type queues_{};
  std::vector<double> scratch_;
};

}  // namespace embargo

#endif
