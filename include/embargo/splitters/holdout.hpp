// embargo: the simple purged holdout and the dual-model scheme of the models-directory seed.
// Model A: first 90 % train, last 10 % validation; model B: all but the last N observations.
// Both are purged at the boundary, which the seed's plain slicing did not do.
#ifndef EMBARGO_SPLITTERS_HOLDOUT_HPP
#define EMBARGO_SPLITTERS_HOLDOUT_HPP

#include <cmath>
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

struct holdout_options {
  double test_fraction = 0.1;                          ///< in (0, 1)
  std::optional<std::size_t> test_size = std::nullopt;  ///< when set, the last test_size observations
};

namespace detail {
inline fold purged_holdout(std::span<const interval> ev, std::size_t n_test, const char* who) {
  const std::size_t n = ev.size();
  require(n_test >= 1 && n_test < n, std::string(who) + ": a test set of " + std::to_string(n_test) + " of " +
                                         std::to_string(n) + " observations (expected 1 <= test < n)");
  fold f;
  const std::size_t a = n - n_test, t0 = ev[a].t0;
  for (std::size_t i = 0; i < a; ++i)
    if (ev[i].t1 < t0) f.train.push_back(i);
  f.test.append(a, n);
  require_train(f, 0, who);
  return f;
}
}  // namespace detail

/// One split (spec §1.6 [REC]): train = the first floor((1 - f) n + 1e-9) observations (or all
/// but the last test_size), test = the rest; training observations whose label reaches the
/// first test observation's t0 (t1 >= t0[a], closed intervals) are purged. No embargo: nothing
/// of the training set follows the test set.
class holdout {
 public:
  explicit holdout(holdout_options opt = {}) : opt_(opt) {}

  std::vector<fold> split(std::span<const interval> events) const {
    constexpr const char* who = "holdout";
    detail::check_split_events(events, who);
    std::size_t n_test = 0;
    if (opt_.test_size) {
      n_test = *opt_.test_size;
    } else {
      detail::require(opt_.test_fraction > 0.0 && opt_.test_fraction < 1.0,
                      std::string(who) + ": test_fraction " + std::to_string(opt_.test_fraction) + " is outside (0, 1)");
      const auto n_train = static_cast<std::size_t>(
          std::floor((1.0 - opt_.test_fraction) * static_cast<double>(events.size()) + 1e-9));
      n_test = events.size() - n_train;
    }
    return {detail::purged_holdout(events, n_test, who)};
  }
  template <interval_range Events>
  std::vector<fold> split(const Events& events) const {
    return detail::with_event_span(events, [this](std::span<const interval> sp) { return split(sp); });
  }

 private:
  holdout_options opt_;
};
static_assert(splitter<holdout>);

struct dual_model_options {
  double validation_fraction = 0.1;  ///< model A validates on the last 10 %
  std::size_t holdout_size = 30;     ///< model B holds out the last 30 observations
};

/// The dual-model scheme (seeds/models-directory-dual-model.md): split()[0] is model A
/// (holdout with test_fraction = validation_fraction), split()[1] is model B (holdout with
/// test_size = holdout_size). Both purged at their boundary.
class dual_model_split {
 public:
  explicit dual_model_split(dual_model_options opt = {}) : opt_(opt) {}

  std::vector<fold> split(std::span<const interval> events) const {
    auto a = holdout({.test_fraction = opt_.validation_fraction}).split(events);
    auto b = holdout({.test_size = opt_.holdout_size}).split(events);
    return {std::move(a.front()), std::move(b.front())};
  }
  template <interval_range Events>
  std::vector<fold> split(const Events& events) const {
    return detail::with_event_span(events, [this](std::span<const interval> sp) { return split(sp); });
  }

 private:
  dual_model_options opt_;
};
static_assert(splitter<dual_model_split>);

}  // namespace embargo

#endif
