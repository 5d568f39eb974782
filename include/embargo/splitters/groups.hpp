// embargo: how n observations are cut into K contiguous groups (folds) for the splitters.
// Two conventions exist in the peers (spec §1.1); both are policies so that a parity test can
// pick either while the default follows scikit-learn and the book.
#ifndef EMBARGO_SPLITTERS_GROUPS_HPP
#define EMBARGO_SPLITTERS_GROUPS_HPP

#include <cstddef>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo {

/// numpy's array_split (sklearn KFold, mlfinlab, timeseriescv, López de Prado 2018 ch. 7):
/// group sizes differ by at most one and the first n mod K groups get the extra observation.
/// n = 27, K = 6 -> 5,5,5,4,4,4. Returns the K + 1 boundaries b, group g = [b[g], b[g+1]).
struct array_split_groups {
  static std::vector<std::size_t> bounds(std::size_t n, std::size_t k) {
    detail::require(k >= 1 && k <= n, "groups: cannot cut " + std::to_string(n) + " observations into " +
                                          std::to_string(k) + " non-empty groups (expected 1 <= K <= n)");
    std::vector<std::size_t> b(k + 1, 0);
    const std::size_t q = n / k, r = n % k;
    for (std::size_t g = 0; g < k; ++g) b[g + 1] = b[g] + q + (g < r ? 1 : 0);
    return b;
  }
};

/// skfolio's CombinatorialPurgedCV layout: every group has floor(n/K) observations and the last
/// one absorbs the remainder. n = 27, K = 6 -> 4,4,4,4,4,7. Offered for parity with skfolio.
struct floor_remainder_groups {
  static std::vector<std::size_t> bounds(std::size_t n, std::size_t k) {
    detail::require(k >= 1 && k <= n, "groups: cannot cut " + std::to_string(n) + " observations into " +
                                          std::to_string(k) + " non-empty groups (expected 1 <= K <= n)");
    std::vector<std::size_t> b(k + 1, 0);
    const std::size_t q = n / k;
    for (std::size_t g = 0; g < k; ++g) b[g + 1] = b[g] + q;
    b[k] = n;
    return b;
  }
};

}  // namespace embargo

#endif
