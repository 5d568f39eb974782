// embargo: walk-forward validation, rolling or expanding, in observations or in bar time.
// Index mode reproduces skfolio's WalkForward; purging by label end times (spec §1.4 [REC]) keeps
// the last training labels from reaching into the test window, which a count-based gap cannot promise.
#ifndef EMBARGO_SPLITTERS_WALK_FORWARD_HPP
#define EMBARGO_SPLITTERS_WALK_FORWARD_HPP

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/fold.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/splitters/purge.hpp>

namespace embargo {

struct walk_forward_options {
  std::size_t train_size = 252;              ///< window length (observations, or bars for time_windows)
  std::size_t test_size = 63;
  std::size_t gap = 0;                       ///< left out between train and test (skfolio's purged_size)
  std::optional<std::size_t> step = std::nullopt;  ///< advance per split; default test_size (no overlap)
  bool expanding = false;                    ///< train from the first observation (skfolio's expand_train)
  bool reduce_test = false;                  ///< emit a final shorter test window
  bool purge_labels = true;                  ///< also drop training labels with t1 >= t0 of the first test observation
};

/// Windows counted in observations (skfolio WalkForward with freq=None).
struct observation_windows {};
/// Windows counted on the bar-position axis of t0 (calendar time once positions map to a regular
/// clock; irregular event times give windows with varying numbers of observations). Windows
/// without a test observation, or without training observations, are skipped.
struct time_windows {};

/// Walk-forward. Test windows [s, s + test_size), s = start + train_size + gap, advancing by step;
/// train = [s - gap - train_size, s - gap) (rolling) or [start, s - gap) (expanding), then, with
/// purge_labels, without observations whose label ends at or after t0 of the first test
/// observation (closed intervals). Nothing of the training set follows the test set, so no
/// embargo applies. Preconditions: train_size, test_size, step >= 1; train_size + gap < n (or the
/// bar range for time_windows). The skfolio vector (purged_walk_forward of timeseriescv too, with
/// step = one fold) is reproduced in tests/splitters.
template <class WindowUnit = observation_windows>
class walk_forward {
 public:
  explicit walk_forward(walk_forward_options opt = {}) : opt_(opt) {}

  std::vector<fold> split(std::span<const interval> events) const {
    constexpr const char* who = "walk_forward";
    detail::check_split_events(events, who);
    detail::require(opt_.train_size >= 1 && opt_.test_size >= 1 && (!opt_.step || *opt_.step >= 1),
                    std::string(who) + ": train_size, test_size and step must be at least 1");
    const std::size_t step = opt_.step ? *opt_.step : opt_.test_size;
    const std::size_t n = events.size();
    std::vector<fold> out;
    if constexpr (std::same_as<WindowUnit, observation_windows>) {
      detail::require(opt_.train_size + opt_.gap < n,
                      std::string(who) + ": train_size + gap = " + std::to_string(opt_.train_size + opt_.gap) +
                          " leaves no test observation among " + std::to_string(n));
      for (std::size_t s = opt_.train_size + opt_.gap; s < n; s += step) {
        std::size_t e = s + opt_.test_size;
        if (e > n) {
          if (!opt_.reduce_test) break;
          e = n;
        }
        const std::size_t tr_end = s - opt_.gap, tr_begin = opt_.expanding ? 0 : tr_end - opt_.train_size;
        out.push_back(make(events, tr_begin, tr_end, s, e));
      }
    } else {
      const std::size_t origin = events.front().t0, last = events.back().t0;
      detail::require(opt_.train_size + opt_.gap <= last - origin,
                      std::string(who) + ": train_size + gap = " + std::to_string(opt_.train_size + opt_.gap) +
                          " bars leaves no test window in the events' range [" + std::to_string(origin) + ", " +
                          std::to_string(last) + "]");
      auto pos = [&](std::size_t t) {  // first observation with t0 >= t
        return static_cast<std::size_t>(
            std::lower_bound(events.begin(), events.end(), t, [](const interval& x, std::size_t v) { return x.t0 < v; }) -
            events.begin());
      };
      for (std::size_t s = origin + opt_.train_size + opt_.gap; s <= last; s += step) {
        std::size_t e = s + opt_.test_size;
        if (e > last + 1 && !opt_.reduce_test) break;
        const std::size_t a = pos(s), b = pos(std::min(e, last + 1));
        const std::size_t tr_end = pos(s - opt_.gap), tr_begin = opt_.expanding ? 0 : pos(s - opt_.gap - opt_.train_size);
        if (a == b || tr_begin == tr_end) continue;
        out.push_back(make(events, tr_begin, tr_end, a, b));
        if (out.back().train.empty()) out.pop_back();
      }
    }
    detail::require(!out.empty(), std::string(who) + ": no complete train/test window fits in the data");
    for (std::size_t k = 0; k < out.size(); ++k) detail::require_train(out[k], k, who);
    return out;
  }
  template <interval_range Events>
  std::vector<fold> split(const Events& events) const {
    return detail::with_event_span(events, [this](std::span<const interval> sp) { return split(sp); });
  }
  /// Observations without label spans ([i, i]): count-based windows only.
  std::vector<fold> split(std::size_t n) const {
    std::vector<interval> ev(n);
    for (std::size_t i = 0; i < n; ++i) ev[i] = {i, i};
    return split(std::span<const interval>(ev));
  }

  const walk_forward_options& options() const noexcept { return opt_; }

 private:
  fold make(std::span<const interval> ev, std::size_t tr_begin, std::size_t tr_end, std::size_t a, std::size_t b) const {
    fold f;
    f.test.append(a, b);
    const std::size_t t0 = ev[a].t0;
    for (std::size_t i = tr_begin; i < tr_end; ++i)
      if (!opt_.purge_labels || ev[i].t1 < t0) f.train.push_back(i);
    return f;
  }

  walk_forward_options opt_;
};
static_assert(splitter<walk_forward<>>);
static_assert(splitter<walk_forward<time_windows>>);

}  // namespace embargo

#endif
