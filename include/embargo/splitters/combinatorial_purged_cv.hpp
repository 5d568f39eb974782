// embargo: combinatorial purged cross-validation and its backtest paths (López de Prado 2018, ch. 12).
// C(N, k) splits instead of one walk-forward path: every group is tested C(N-1, k-1) times, which
// assembles into phi = k/N * C(N, k) full out-of-sample paths, a distribution of backtests.
#ifndef EMBARGO_SPLITTERS_COMBINATORIAL_PURGED_CV_HPP
#define EMBARGO_SPLITTERS_COMBINATORIAL_PURGED_CV_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
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

struct combinatorial_purged_cv_options {
  std::size_t n_groups = 6;       ///< N (spec [REC] default 6, 2: 15 splits, 5 paths)
  std::size_t n_test_groups = 2;  ///< k, 1 <= k < N
  double embargo_fraction = 0.01;
  std::optional<std::size_t> embargo_size = std::nullopt;  ///< overrides the fraction when set
};

/// One piece of a backtest path: group `group` = observations [begin, end) predicted by split `split`.
struct path_segment {
  std::size_t group = 0, split = 0, begin = 0, end = 0;
  friend bool operator==(const path_segment&, const path_segment&) = default;
};

/// C(N, k) = N! / (k! (N-k)!), exact; throws invalid_argument past 10^7 (each split copies ~n indices).
inline std::size_t binomial(std::size_t n, std::size_t k) {
  if (k > n) return 0;
  k = std::min(k, n - k);
  detail::require(n <= 1'000'000'000, "combinatorial_purged_cv: " + std::to_string(n) + " groups is too many");
  std::size_t r = 1;  // stays <= 10^7 before each product, so r * n <= 10^16 fits
  for (std::size_t i = 1; i <= k; ++i) {
    r = r * (n - k + i) / i;  // exact: r * (n-k+i) is divisible by i at every step
    detail::require(r <= 10'000'000, "combinatorial_purged_cv: C(" + std::to_string(n) + ", " + std::to_string(k) +
                                         ") splits is more than 10^7; choose fewer groups");
  }
  return r;
}

/// (N, k) chosen by optimal_folds_number.
struct cpcv_layout {
  std::size_t n_groups = 0, n_test_groups = 0;
  friend bool operator==(const cpcv_layout&, const cpcv_layout&) = default;
};

/// skfolio's optimal_folds_number (skfolio PR #53; answers skfolio#32, "the defaults give tiny
/// training sets"): the (N, k), 3 <= N <= n, 2 <= k < N, minimising
///   w_train * |n (N - k) / N - target_train| / target_train + w_paths * |C(N-1, k-1) - target_paths| / target_paths,
/// searched in skfolio's order (N ascending, k ascending; once the cost of some k exceeds 1e5
/// only the mirror k >= N - that k is evaluated), first minimum wins. Paths are evaluated in
/// double precision (skfolio uses exact integers; they agree below 2^53 paths).
/// Preconditions: n_observations >= 3, targets >= 1, weights >= 0.
inline cpcv_layout optimal_folds_number(std::size_t n_observations, double target_train_size, double target_n_paths,
                                        double weight_train_size = 1.0, double weight_n_paths = 1.0) {
  detail::require(n_observations >= 3, "optimal_folds_number: need at least 3 observations");
  detail::require(target_train_size >= 1 && target_n_paths >= 1,
                  "optimal_folds_number: target train size and target number of paths must be at least 1");
  detail::require(weight_train_size >= 0 && weight_n_paths >= 0, "optimal_folds_number: weights must be >= 0");
  const double n = static_cast<double>(n_observations);
  auto cost = [&](std::size_t x, std::size_t y, double paths) {
    const double train = n / static_cast<double>(x) * static_cast<double>(x - y);
    return weight_n_paths * std::abs(paths - target_n_paths) / target_n_paths +
           weight_train_size * std::abs(train - target_train_size) / target_train_size;
  };
  auto choose = [](std::size_t m, std::size_t j) {  // C(m, j) in double, j small
    double c = 1;
    for (std::size_t i = 1; i <= j; ++i) c = c * static_cast<double>(m - j + i) / static_cast<double>(i);
    return c;
  };
  cpcv_layout best{3, 2};
  double best_cost = std::numeric_limits<double>::infinity();
  for (std::size_t x = 3; x <= n_observations; ++x) {
    std::optional<std::size_t> cut;
    double paths = static_cast<double>(x - 1);  // C(x-1, y-1) at y = 2, then updated while ascending
    for (std::size_t y = 2; y < x;) {
      if (cut && x - y > *cut) {
        y = x - *cut;  // skfolio skips these without evaluating them
        continue;
      }
      const double p = cut ? choose(x - 1, x - y) : paths;  // C(x-1, y-1) = C(x-1, x-y)
      const double c = cost(x, y, p);
      if (c < best_cost) best_cost = c, best = {x, y};
      if (!cut && c > 1e5) cut = y;
      if (!cut) paths = paths * static_cast<double>(x - y) / static_cast<double>(y);
      ++y;
    }
  }
  return best;
}

/// Combinatorial purged CV. Observations are cut into N contiguous groups (GroupPolicy); split s
/// tests the s-th k-subset of groups in itertools.combinations(range(N), k) order (lexicographic).
/// Adjacent test groups merge into one block; every block is purged on both sides with closed
/// intervals and embargoed after (EmbargoPolicy), exactly as one purged_kfold fold. The fold's
/// test indices are ascending (the union of its groups).
///
/// Backtest paths: the p-th split (in that order) that tests group g supplies g's out-of-sample
/// predictions to path p; phi = C(N-1, k-1) paths, each covering every observation exactly once.
/// path_ids()[s][j] is the path receiving the j-th test group of split s (skfolio's get_path_ids).
/// Preconditions: 1 <= k < N <= n; t1 >= t0; t0 sorted. A split left without training data throws.
template <class EmbargoPolicy = observation_embargo, class GroupPolicy = array_split_groups>
class combinatorial_purged_cv {
 public:
  explicit combinatorial_purged_cv(combinatorial_purged_cv_options opt = {}) : opt_(opt) {
    detail::require(opt_.n_test_groups >= 1 && opt_.n_test_groups < opt_.n_groups,
                    "combinatorial_purged_cv: n_test_groups = " + std::to_string(opt_.n_test_groups) +
                        " with n_groups = " + std::to_string(opt_.n_groups) + " (expected 1 <= k < N)");
    (void)binomial(opt_.n_groups, opt_.n_test_groups);
  }

  std::size_t n_splits() const { return binomial(opt_.n_groups, opt_.n_test_groups); }
  std::size_t n_paths() const { return binomial(opt_.n_groups - 1, opt_.n_test_groups - 1); }

  /// The test groups of each split, in split order.
  std::vector<std::vector<std::size_t>> test_groups() const {
    const std::size_t n = opt_.n_groups, k = opt_.n_test_groups;
    std::vector<std::vector<std::size_t>> out;
    out.reserve(n_splits());
    std::vector<std::size_t> c(k);
    for (std::size_t i = 0; i < k; ++i) c[i] = i;
    for (;;) {
      out.push_back(c);
      std::size_t i = k;
      while (i > 0 && c[i - 1] == n - k + (i - 1)) --i;
      if (i == 0) break;
      ++c[i - 1];
      for (std::size_t j = i; j < k; ++j) c[j] = c[j - 1] + 1;
    }
    return out;
  }

  /// path_ids()[s][j]: the backtest path that receives the j-th test group of split s.
  std::vector<std::vector<std::size_t>> path_ids() const {
    const auto tg = test_groups();
    std::vector<std::size_t> seen(opt_.n_groups, 0);
    std::vector<std::vector<std::size_t>> out(tg.size());
    for (std::size_t s = 0; s < tg.size(); ++s)
      for (std::size_t g : tg[s]) out[s].push_back(seen[g]++);
    return out;
  }

  /// The n_paths() backtest paths over n_observations: path p lists, for each group g in order,
  /// the split whose predictions of g belong to path p and g's observation range.
  std::vector<std::vector<path_segment>> backtest_paths(std::size_t n_observations) const {
    const auto bounds = GroupPolicy::bounds(n_observations, opt_.n_groups);
    const auto tg = test_groups();
    const auto ids = path_ids();
    std::vector<std::vector<path_segment>> paths(n_paths(), std::vector<path_segment>(opt_.n_groups));
    for (std::size_t s = 0; s < tg.size(); ++s)
      for (std::size_t j = 0; j < tg[s].size(); ++j) {
        const std::size_t g = tg[s][j];
        paths[ids[s][j]][g] = {g, s, bounds[g], bounds[g + 1]};
      }
    return paths;
  }

  std::vector<fold> split(std::span<const interval> events) const {
    constexpr const char* who = "combinatorial_purged_cv";
    detail::check_split_events(events, who);
    detail::require(opt_.n_groups <= events.size(), std::string(who) + ": n_groups = " + std::to_string(opt_.n_groups) +
                                                        " is more than the " + std::to_string(events.size()) +
                                                        " observations");
    const std::size_t e = EmbargoPolicy::amount(opt_.embargo_fraction, opt_.embargo_size, events, who);
    const auto bounds = GroupPolicy::bounds(events.size(), opt_.n_groups);
    const auto gmax = detail::group_t1_max(events, bounds);
    const auto max_len = detail::max_label_length(events);
    const auto tg = test_groups();
    std::vector<fold> out;
    out.reserve(tg.size());
    for (std::size_t s = 0; s < tg.size(); ++s) {
      const auto blocks = detail::merge_groups(bounds, tg[s], gmax);
      out.push_back(detail::purged_fold<EmbargoPolicy>(events, max_len, blocks, e));
      detail::require_train(out.back(), s, who);
    }
    return out;
  }
  template <interval_range Events>
  std::vector<fold> split(const Events& events) const {
    return detail::with_event_span(events, [this](std::span<const interval> s) { return split(s); });
  }

  const combinatorial_purged_cv_options& options() const noexcept { return opt_; }

 private:
  combinatorial_purged_cv_options opt_;
};
static_assert(splitter<combinatorial_purged_cv<>>);
static_assert(splitter<combinatorial_purged_cv<time_embargo, floor_remainder_groups>>);

}  // namespace embargo

#endif
