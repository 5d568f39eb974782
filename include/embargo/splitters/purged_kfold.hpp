// embargo: purged k-fold cross-validation with an embargo (López de Prado 2018, §7.4).
// The leakage-free replacement of k-fold for labels that span time: the mlfinlab window bugs
// (#295/#494: window from t1 of the first test label, end at the last label's t1) do not exist here.
#ifndef EMBARGO_SPLITTERS_PURGED_KFOLD_HPP
#define EMBARGO_SPLITTERS_PURGED_KFOLD_HPP

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/fold.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/splitters/embargo.hpp>
#include <embargo/splitters/groups.hpp>
#include <embargo/splitters/purge.hpp>

namespace embargo {

struct purged_kfold_options {
  std::size_t n_splits = 5;
  /// Embargo as a fraction of the observations (observation_embargo) or of the bar range
  /// (time_embargo), rounded down with a 1e-9 tolerance; must lie in [0, 1).
  double embargo_fraction = 0.01;
  /// When set, overrides the fraction: observations (observation_embargo) or bars (time_embargo).
  std::optional<std::size_t> embargo_size = std::nullopt;
};

/// Purged k-fold. Events (label intervals [t0, t1] in bar positions, sorted by t0) are cut into
/// K contiguous groups (GroupPolicy); fold k tests group k = [a, b). With T0 = t0[a] and
/// T1 = max_{a<=j<b} t1[j] (the maximum, not the last one: labels have variable lengths), a
/// training observation i is kept iff
///   i < a and t1[i] < T0        (closed intervals: touching counts as overlap), or
///   i >= b and i >= resume,     resume = EmbargoPolicy::resume(...) (first t0 > T1, plus e).
/// Test indices are [a, b); train indices are ascending. Every observation is tested exactly once.
/// Preconditions: 2 <= n_splits <= n; t1 >= t0; t0 sorted; embargo fraction in [0, 1).
/// Throws invalid_argument when a fold would have no training observation left.
template <class EmbargoPolicy = observation_embargo, class GroupPolicy = array_split_groups>
class purged_kfold {
 public:
  explicit purged_kfold(purged_kfold_options opt = {}) : opt_(opt) {}

  std::vector<fold> split(std::span<const interval> events) const {
    constexpr const char* who = "purged_kfold";
    detail::require(opt_.n_splits >= 2, std::string(who) + ": n_splits = " + std::to_string(opt_.n_splits) +
                                            " (expected at least 2)");
    detail::check_split_events(events, who);
    detail::require(opt_.n_splits <= events.size(), std::string(who) + ": n_splits = " + std::to_string(opt_.n_splits) +
                                                        " is more than the " + std::to_string(events.size()) +
                                                        " observations");
    const std::size_t e = EmbargoPolicy::amount(opt_.embargo_fraction, opt_.embargo_size, events, who);
    const auto bounds = GroupPolicy::bounds(events.size(), opt_.n_splits);
    const auto gmax = detail::group_t1_max(events, bounds);
    const auto max_len = detail::max_label_length(events);
    std::vector<fold> out;
    out.reserve(opt_.n_splits);
    for (std::size_t k = 0; k < opt_.n_splits; ++k) {
      const detail::test_block block{bounds[k], bounds[k + 1], gmax[k]};
      out.push_back(detail::purged_fold<EmbargoPolicy>(events, max_len, std::span(&block, 1), e));
      detail::require_train(out.back(), k, who);
    }
    return out;
  }
  template <interval_range Events>
  std::vector<fold> split(const Events& events) const {
    return detail::with_event_span(events, [this](std::span<const interval> s) { return split(s); });
  }

  std::size_t n_splits() const noexcept { return opt_.n_splits; }
  const purged_kfold_options& options() const noexcept { return opt_; }

 private:
  purged_kfold_options opt_;
};
static_assert(splitter<purged_kfold<>>);
static_assert(splitter<purged_kfold<time_embargo, floor_remainder_groups>>);

}  // namespace embargo

#endif
