// embargo: the observations themselves, for the statistics that need order statistics (VaR,
// CVaR, tail ratio). Not O(1): memory grows with n, merge concatenates. Only sets that ask for
// such a statistic carry it.
#ifndef EMBARGO_METRICS_STATE_SAMPLE_STORE_HPP
#define EMBARGO_METRICS_STATE_SAMPLE_STORE_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include <embargo/metrics/options.hpp>

namespace embargo::detail {

struct sample_store {
  std::vector<double> values;

  friend bool operator==(const sample_store&, const sample_store&) = default;

  void push(double x, const metric_options& = {}) { values.push_back(x); }
  void push_block(std::span<const double> xs, const metric_options& = {}) {
    values.insert(values.end(), xs.begin(), xs.end());
  }
  void merge(const sample_store& b) { values.insert(values.end(), b.values.begin(), b.values.end()); }

  /// numpy.percentile's default (linear interpolation between closest ranks), q in [0, 100].
  double percentile(double q) const {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::vector<double> v = values;
    const double pos = q / 100.0 * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
    const double a = v[lo];
    if (lo + 1 >= v.size()) return a;
    const double b = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end());
    return a + (b - a) * (pos - static_cast<double>(lo));
  }

  /// Mean of the smallest floor((n − 1)·cutoff) + 1 values (empyrical conditional_value_at_risk).
  double lower_tail_mean(double cutoff) const {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::vector<double> v = values;
    const auto k = static_cast<std::size_t>(static_cast<double>(v.size() - 1) * cutoff);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    double s = 0;
    for (std::size_t i = 0; i <= k; ++i) s += v[i];
    return s / static_cast<double>(k + 1);
  }
};

}  // namespace embargo::detail

#endif
