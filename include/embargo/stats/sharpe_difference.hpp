// embargo: champion vs challenger, testing the difference of two Sharpe ratios on paired returns:
// Jobson & Korkie (1981) with Memmel's (2003) correction, and a paired circular block bootstrap
// (spec §3.6) for fat-tailed, autocorrelated returns.
#ifndef EMBARGO_STATS_SHARPE_DIFFERENCE_HPP
#define EMBARGO_STATS_SHARPE_DIFFERENCE_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/random.hpp>
#include <embargo/stats/normal.hpp>

namespace embargo {

struct sharpe_difference_result {
  double sharpe_a = std::numeric_limits<double>::quiet_NaN();  ///< per-period, ddof 1
  double sharpe_b = std::numeric_limits<double>::quiet_NaN();
  double difference = std::numeric_limits<double>::quiet_NaN();  ///< SR_a − SR_b
  double correlation = std::numeric_limits<double>::quiet_NaN(); ///< Pearson ρ of a and b
  double variance = std::numeric_limits<double>::quiet_NaN();    ///< V of the difference (includes 1/T)
  double z = std::numeric_limits<double>::quiet_NaN();
  double p_two_sided = std::numeric_limits<double>::quiet_NaN();
  double p_a_greater = std::numeric_limits<double>::quiet_NaN();  ///< one-sided p of H0: SR_a <= SR_b
  std::size_t n = 0;  ///< pairs used
};

namespace detail {
// Pairs where both values are finite: a NaN on either side removes the whole period, so both
// Sharpe ratios always describe the same dates (pairwise-complete NaN policy).
inline void paired_finite(std::span<const double> a, std::span<const double> b, std::vector<double>& x,
                          std::vector<double>& y) {
  if (a.size() != b.size())
    throw invalid_argument("sharpe difference: the two series have different lengths (" + std::to_string(a.size()) +
                           " and " + std::to_string(b.size()) + "); they must be paired by period");
  x.clear();
  y.clear();
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::isfinite(a[i]) && std::isfinite(b[i])) {
      x.push_back(a[i]);
      y.push_back(b[i]);
    }
}

struct pair_stats {
  double sr_a, sr_b, rho;
};
// Two-pass means and centred cross products; NaN ratios when a spread is zero.
template <class Index>
pair_stats paired_sharpe(const std::vector<double>& x, const std::vector<double>& y, std::size_t n, Index idx) {
  double ma = 0.0, mb = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    ma += x[idx(i)];
    mb += y[idx(i)];
  }
  ma /= static_cast<double>(n);
  mb /= static_cast<double>(n);
  double saa = 0.0, sbb = 0.0, sab = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double da = x[idx(i)] - ma, db = y[idx(i)] - mb;
    saa += da * da;
    sbb += db * db;
    sab += da * db;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double sda = std::sqrt(saa / static_cast<double>(n - 1)), sdb = std::sqrt(sbb / static_cast<double>(n - 1));
  return {sda > 0.0 ? ma / sda : nan, sdb > 0.0 ? mb / sdb : nan,
          (saa > 0.0 && sbb > 0.0) ? sab / std::sqrt(saa * sbb) : nan};
}
}  // namespace detail

/// Jobson–Korkie test with Memmel's correction. With per-period Sharpe ratios (ddof 1) and the
/// Pearson correlation ρ of the paired returns over T periods,
///   V = (1/T)·[2(1 − ρ) + ½(SR_a² + SR_b² − 2·SR_a·SR_b·ρ²)],  z = (SR_a − SR_b)/sqrt(V) ~ N(0,1).
/// Assumes iid jointly normal returns; prefer the bootstrap for fat tails or autocorrelation.
/// Pairs with a NaN on either side are dropped. Throws invalid_argument on different lengths.
/// Fields are NaN when fewer than 3 pairs remain or either series has no spread.
inline sharpe_difference_result sharpe_difference_test(std::span<const double> a, std::span<const double> b) {
  std::vector<double> x, y;
  detail::paired_finite(a, b, x, y);
  sharpe_difference_result r;
  r.n = x.size();
  if (r.n < 3) return r;
  const auto ps = detail::paired_sharpe(x, y, r.n, [](std::size_t i) { return i; });
  r.sharpe_a = ps.sr_a;
  r.sharpe_b = ps.sr_b;
  r.correlation = ps.rho;
  r.difference = ps.sr_a - ps.sr_b;
  const double t = static_cast<double>(r.n), rho = ps.rho;
  r.variance = (2.0 * (1.0 - rho) + 0.5 * (ps.sr_a * ps.sr_a + ps.sr_b * ps.sr_b - 2.0 * ps.sr_a * ps.sr_b * rho * rho)) / t;
  if (r.variance > 0.0) {
    r.z = r.difference / std::sqrt(r.variance);
    r.p_two_sided = 2.0 * normal_cdf(-std::abs(r.z));
    r.p_a_greater = normal_cdf(-r.z);
  }
  return r;
}

struct sharpe_bootstrap_options {
  std::size_t resamples = 2000;
  std::size_t block_length = 0;  ///< 0 = ceil(T^(1/3)); 1 = iid pairs
  std::uint64_t seed = 0;
  double confidence = 0.95;      ///< of the percentile interval
};

struct sharpe_bootstrap_result {
  double difference = std::numeric_limits<double>::quiet_NaN();  ///< SR_a − SR_b on the data
  double p_two_sided = std::numeric_limits<double>::quiet_NaN();
  double p_a_greater = std::numeric_limits<double>::quiet_NaN();  ///< one-sided p of H0: SR_a <= SR_b
  double ci_low = std::numeric_limits<double>::quiet_NaN();       ///< percentile interval of ΔSR*
  double ci_high = std::numeric_limits<double>::quiet_NaN();
  double standard_error = std::numeric_limits<double>::quiet_NaN();  ///< sd of ΔSR*
  std::size_t n = 0, block_length = 0, resamples = 0;
  std::size_t degenerate = 0;  ///< resamples dropped because a series had no spread
};

/// Paired circular block bootstrap of ΔSR = SR_a − SR_b (Politis & Romano 1992; Ledoit & Wolf
/// 2008 use the studentised version). Each resample draws ceil(T/ℓ) block starts uniformly
/// (splitmix64 seeded with `seed`, start = floor(u·T), fully specified so the same seed gives
/// the same numbers on every platform) and takes ℓ consecutive pairs, wrapping around, for both
/// series at once, so cross-correlation and short-range autocorrelation are kept.
/// p-values from the centred distribution: p_two_sided = (1 + #{|Δ* − Δ̂| >= |Δ̂|}) / (1 + B),
/// p_a_greater = (1 + #{Δ* − Δ̂ >= Δ̂}) / (1 + B) (Davison & Hinkley 1997, eq. 4.11; never 0).
/// NaN pairs are dropped as in sharpe_difference_test. Throws invalid_argument for different
/// lengths, resamples < 1, confidence outside (0, 1) or a block longer than T.
inline sharpe_bootstrap_result sharpe_difference_bootstrap(std::span<const double> a, std::span<const double> b,
                                                           const sharpe_bootstrap_options& opt = {}) {
  detail::require(opt.resamples >= 1, "sharpe_difference_bootstrap: resamples must be >= 1");
  detail::require(opt.confidence > 0.0 && opt.confidence < 1.0, "sharpe_difference_bootstrap: confidence must be in (0, 1)");
  std::vector<double> x, y;
  detail::paired_finite(a, b, x, y);
  sharpe_bootstrap_result r;
  r.n = x.size();
  if (r.n < 3) return r;
  const std::size_t t = r.n;
  r.block_length = opt.block_length ? opt.block_length
                                    : static_cast<std::size_t>(std::ceil(std::cbrt(static_cast<double>(t)) - 1e-12));
  detail::require(r.block_length <= t, "sharpe_difference_bootstrap: block length exceeds the series length");
  const auto base = detail::paired_sharpe(x, y, t, [](std::size_t i) { return i; });
  r.difference = base.sr_a - base.sr_b;
  if (std::isnan(r.difference)) return r;
  splitmix64 rng(opt.seed);
  std::vector<std::size_t> idx(t);
  std::vector<double> deltas;
  deltas.reserve(opt.resamples);
  for (std::size_t k = 0; k < opt.resamples; ++k) {
    for (std::size_t pos = 0; pos < t;) {
      const auto start = std::min(static_cast<std::size_t>(rng.uniform() * static_cast<double>(t)), t - 1);
      for (std::size_t j = 0; j < r.block_length && pos < t; ++j, ++pos) idx[pos] = (start + j) % t;
    }
    const auto s = detail::paired_sharpe(x, y, t, [&idx](std::size_t i) { return idx[i]; });
    const double d = s.sr_a - s.sr_b;
    if (std::isnan(d)) {
      ++r.degenerate;
      continue;
    }
    deltas.push_back(d);
  }
  r.resamples = deltas.size();
  if (deltas.empty()) return r;
  std::size_t extreme = 0, greater = 0;
  double mean = 0.0;
  for (double d : deltas) {
    extreme += std::abs(d - r.difference) >= std::abs(r.difference) ? 1 : 0;
    greater += d - r.difference >= r.difference ? 1 : 0;
    mean += d;
  }
  const double bb = static_cast<double>(deltas.size());
  r.p_two_sided = (1.0 + static_cast<double>(extreme)) / (1.0 + bb);
  r.p_a_greater = (1.0 + static_cast<double>(greater)) / (1.0 + bb);
  mean /= bb;
  double ss = 0.0;
  for (double d : deltas) ss += (d - mean) * (d - mean);
  if (deltas.size() > 1) r.standard_error = std::sqrt(ss / (bb - 1.0));
  std::sort(deltas.begin(), deltas.end());
  auto quantile = [&](double q) {  // linear interpolation between order statistics (type 7)
    const double h = q * (bb - 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(lo + 1, deltas.size() - 1);
    return deltas[lo] + (h - static_cast<double>(lo)) * (deltas[hi] - deltas[lo]);
  };
  r.ci_low = quantile(0.5 * (1.0 - opt.confidence));
  r.ci_high = quantile(1.0 - 0.5 * (1.0 - opt.confidence));
  return r;
}

}  // namespace embargo

#endif
