// embargo: population stability index between a reference and a current sample, on bins whose
// edges are fixed on the reference (so counts are mergeable), with an explicit ε rule for empty
// bins. PSI is the J-divergence of the binned distributions (spec §3.7).
#ifndef EMBARGO_STATS_PSI_HPP
#define EMBARGO_STATS_PSI_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo {

struct psi_options {
  /// Proportions below ε are raised to ε, WITHOUT renormalising (the spec's edge vector uses
  /// 1e−4). Only empty bins are affected in practice; 0 disables the floor (an empty bin then
  /// gives PSI = +inf).
  double epsilon = 1e-4;
};

struct psi_result {
  double psi = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> per_bin;         ///< (a_i − e_i)·ln(a_i / e_i), floored shares
  std::vector<double> expected_share;  ///< reference proportions (before the floor)
  std::vector<double> actual_share;    ///< current proportions (before the floor)
  std::size_t floored_bins = 0;        ///< bins where either share was raised to ε
  std::size_t reference_count = 0, current_count = 0;
  std::size_t skipped = 0;             ///< NaN values ignored (sample form only)
};

/// PSI = Σ_i (a_i − e_i)·ln(a_i / e_i) over bin proportions e (reference) and a (current), each
/// floored at ε. Symmetric in the two samples. NaN when either total is 0. Throws
/// invalid_argument for different bin counts, no bins, or a negative or non-finite count.
inline psi_result psi_from_counts(std::span<const double> expected_counts, std::span<const double> actual_counts,
                                  const psi_options& opt = {}) {
  detail::require(!expected_counts.empty() && expected_counts.size() == actual_counts.size(),
                  "psi: the two count vectors must be non-empty and of equal length");
  detail::require(opt.epsilon >= 0.0 && opt.epsilon < 1.0, "psi: epsilon must be in [0, 1)");
  double te = 0.0, ta = 0.0;
  for (std::size_t i = 0; i < expected_counts.size(); ++i) {
    detail::require(std::isfinite(expected_counts[i]) && expected_counts[i] >= 0.0 && std::isfinite(actual_counts[i]) &&
                        actual_counts[i] >= 0.0,
                    "psi: counts must be finite and >= 0");
    te += expected_counts[i];
    ta += actual_counts[i];
  }
  psi_result r;
  r.reference_count = static_cast<std::size_t>(te);
  r.current_count = static_cast<std::size_t>(ta);
  if (te == 0.0 || ta == 0.0) return r;
  double total = 0.0;
  for (std::size_t i = 0; i < expected_counts.size(); ++i) {
    const double e0 = expected_counts[i] / te, a0 = actual_counts[i] / ta;
    r.expected_share.push_back(e0);
    r.actual_share.push_back(a0);
    const double e = std::max(e0, opt.epsilon), a = std::max(a0, opt.epsilon);
    r.floored_bins += (e0 < opt.epsilon || a0 < opt.epsilon) ? 1 : 0;
    double term;
    if (a == e) term = 0.0;
    else if (a == 0.0 || e == 0.0) term = std::numeric_limits<double>::infinity();  // only with epsilon = 0
    else term = (a - e) * std::log(a / e);
    r.per_bin.push_back(term);
    total += term;
  }
  r.psi = total;
  return r;
}

/// Interior bin edges at the reference's quantiles k/bins, k = 1..bins−1 (linear interpolation,
/// numpy's default), with duplicates removed (a discrete reference gives fewer bins). NaN values
/// are ignored. Empty (no finite value) gives no edges: one bin. Throws for bins < 1.
inline std::vector<double> reference_quantile_edges(std::span<const double> reference, std::size_t bins = 10) {
  detail::require(bins >= 1, "psi: need at least one bin");
  std::vector<double> v;
  for (double x : reference)
    if (!std::isnan(x)) v.push_back(x);
  std::vector<double> edges;
  if (v.empty()) return edges;
  std::sort(v.begin(), v.end());
  for (std::size_t k = 1; k < bins; ++k) {
    const double h = static_cast<double>(k) / static_cast<double>(bins) * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(lo + 1, v.size() - 1);
    const double q = v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
    if (edges.empty() || q > edges.back()) edges.push_back(q);
  }
  return edges;
}

/// PSI of two samples on fixed interior edges b_1 < … < b_{k−1}: bins (−inf, b_1), [b_1, b_2), …,
/// [b_{k−1}, +inf) (lower edge inclusive), so every finite value falls in a bin. Fix the edges on
/// the reference (e.g. reference_quantile_edges) and reuse them for every later current sample.
/// NaN values are skipped and counted in `skipped`. Throws invalid_argument for edges that are
/// not finite and strictly increasing.
inline psi_result population_stability_index(std::span<const double> reference, std::span<const double> current,
                                             std::span<const double> edges, const psi_options& opt = {}) {
  for (std::size_t i = 0; i < edges.size(); ++i)
    detail::require(std::isfinite(edges[i]) && (i == 0 || edges[i] > edges[i - 1]),
                    "psi: edges must be finite and strictly increasing");
  std::vector<double> ce(edges.size() + 1, 0.0), ca(edges.size() + 1, 0.0);
  std::size_t skipped = 0;
  auto bin = [&](double x) { return static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin()); };
  for (double x : reference) {
    if (std::isnan(x)) ++skipped;
    else ce[bin(x)] += 1.0;
  }
  for (double x : current) {
    if (std::isnan(x)) ++skipped;
    else ca[bin(x)] += 1.0;
  }
  auto r = psi_from_counts(ce, ca, opt);
  r.skipped = skipped;
  return r;
}

}  // namespace embargo

#endif
