// embargo: scikit-learn's TimeSeriesSplit, index rule for index rule (sklearn 1.2 _split.py).
// For parity and for scripts that already use it; it knows nothing of label end times, so prefer
// walk_forward (purges by t1) or purged_kfold when labels span several bars.
#ifndef EMBARGO_SPLITTERS_TIME_SERIES_SPLIT_HPP
#define EMBARGO_SPLITTERS_TIME_SERIES_SPLIT_HPP

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

struct time_series_split_options {
  std::size_t n_splits = 5;
  std::optional<std::size_t> max_train_size = std::nullopt;  ///< keep only the last M training observations
  std::optional<std::size_t> test_size = std::nullopt;       ///< default n / (n_splits + 1)
  std::size_t gap = 0;                                       ///< observations dropped before each test window
};

/// TimeSeriesSplit: test windows are the last n_splits * s observations, s = test_size,
/// test_j = [n - n_splits*s + j*s, + s); train_j = [0, test_start_j - gap), truncated to its last
/// max_train_size observations. The first observations are never tested.
/// Preconditions (sklearn's messages): n_splits >= 2; n_splits + 1 <= n; n - gap - n_splits*s > 0;
/// test_size and max_train_size >= 1 when given.
class time_series_split {
 public:
  explicit time_series_split(time_series_split_options opt = {}) : opt_(opt) {}

  std::vector<fold> split(std::size_t n) const {
    constexpr const char* who = "time_series_split";
    const std::size_t k = opt_.n_splits;
    detail::require(k >= 2, std::string(who) + ": n_splits = " + std::to_string(k) + " (expected at least 2)");
    detail::require(k + 1 <= n, std::string(who) + ": cannot have number of folds = " + std::to_string(k + 1) +
                                    " greater than the number of samples = " + std::to_string(n));
    detail::require(!opt_.test_size || *opt_.test_size >= 1, std::string(who) + ": test_size must be at least 1");
    detail::require(!opt_.max_train_size || *opt_.max_train_size >= 1,
                    std::string(who) + ": max_train_size must be at least 1");
    const std::size_t s = opt_.test_size ? *opt_.test_size : n / (k + 1);
    detail::require(s <= n / k && n - k * s > opt_.gap,
                    std::string(who) + ": too many splits = " + std::to_string(k) + " for number of samples = " +
                        std::to_string(n) + " with test_size = " + std::to_string(s) + " and gap = " +
                        std::to_string(opt_.gap) + " (expected n - gap - n_splits * test_size > 0)");
    std::vector<fold> out(k);
    for (std::size_t j = 0; j < k; ++j) {
      const std::size_t test_start = n - k * s + j * s, train_end = test_start - opt_.gap;
      const std::size_t train_start =
          opt_.max_train_size && *opt_.max_train_size < train_end ? train_end - *opt_.max_train_size : 0;
      out[j].train.append(train_start, train_end);
      out[j].test.append(test_start, test_start + s);
    }
    return out;
  }
  /// Only the number of events matters (they are still validated).
  std::vector<fold> split(std::span<const interval> events) const {
    detail::check_split_events(events, "time_series_split");
    return split(events.size());
  }
  template <interval_range Events>
  std::vector<fold> split(const Events& events) const {
    return detail::with_event_span(events, [this](std::span<const interval> sp) { return split(sp); });
  }

  const time_series_split_options& options() const noexcept { return opt_; }

 private:
  time_series_split_options opt_;
};
static_assert(splitter<time_series_split>);

}  // namespace embargo

#endif
