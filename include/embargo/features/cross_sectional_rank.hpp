// embargo: cross-sectional ranks of one feature over a panel of symbols, bar by bar.
// Only values of the same bar are compared, so a rank at bar t uses nothing after t when the
// input feature is causal. Ties get the average rank; NaN stays NaN and is not ranked.
#ifndef EMBARGO_FEATURES_CROSS_SECTIONAL_RANK_HPP
#define EMBARGO_FEATURES_CROSS_SECTIONAL_RANK_HPP

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <embargo/features/detail_checks.hpp>

namespace embargo {

struct cross_sectional_rank_options {
  bool pct = false;  ///< divide by the number of ranked values (pandas rank(pct=True))
};

/// values[s][t] is the feature of symbol s at bar t (all symbols the same length, aligned).
/// Returns ranks[s][t] in 1..m among the m finite values of bar t, ties averaged (pandas
/// rank(method="average"), R rank()). Throws invalid_argument on ragged input.
inline std::vector<std::vector<double>> cross_sectional_rank(const std::vector<std::vector<double>>& values,
                                                             cross_sectional_rank_options opt = {}) {
  std::vector<std::vector<double>> out(values.size());
  if (values.empty()) return out;
  const std::size_t n = values[0].size();
  for (std::size_t s = 0; s < values.size(); ++s) {
    if (values[s].size() != n)
      throw invalid_argument("cross_sectional_rank: symbol " + std::to_string(s) + " has " +
                             std::to_string(values[s].size()) + " bars, symbol 0 has " + std::to_string(n));
    out[s].assign(n, detail::feature_nan);
  }
  std::vector<std::size_t> idx;
  for (std::size_t t = 0; t < n; ++t) {
    idx.clear();
    for (std::size_t s = 0; s < values.size(); ++s)
      if (!std::isnan(values[s][t])) idx.push_back(s);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return values[a][t] < values[b][t]; });
    const double m = static_cast<double>(idx.size());
    for (std::size_t i = 0; i < idx.size();) {
      std::size_t j = i;
      while (j + 1 < idx.size() && values[idx[j + 1]][t] == values[idx[i]][t]) ++j;
      const double r = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
      for (std::size_t k = i; k <= j; ++k) out[idx[k]][t] = opt.pct ? r / m : r;
      i = j + 1;
    }
  }
  return out;
}

}  // namespace embargo

#endif
