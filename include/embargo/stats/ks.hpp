// embargo: two-sample Kolmogorov–Smirnov test with the exact p-value (lattice-path count) and
// scipy's "asymp" p-value (Kolmogorov distribution of round(n·m/(n+m)) samples), plus the
// limiting Kolmogorov distribution. p-values assume iid samples (spec §3.7 caveat).
#ifndef EMBARGO_STATS_KS_HPP
#define EMBARGO_STATS_KS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <span>
#include <vector>

namespace embargo {

/// Survival function of the limiting Kolmogorov distribution, P(K > x), K = sup|B(t)| of a
/// Brownian bridge: 2·Σ_{k>=1} (−1)^(k−1)·exp(−2k²x²) for x >= 1, and 1 − (√(2π)/x)·Σ
/// exp(−(2k−1)²π²/(8x²)) below, each series converging in a few terms where it is used.
inline double kolmogorov_limit_sf(double x) noexcept {
  if (std::isnan(x)) return x;
  if (x <= 0.0) return 1.0;
  if (x < 1.0) {
    double s = 0.0;
    for (int k = 1; k <= 8; ++k) {
      const double t = (2.0 * k - 1.0) * std::numbers::pi / x;
      s += std::exp(-t * t / 8.0);
    }
    return 1.0 - std::sqrt(2.0 * std::numbers::pi) / x * s;
  }
  double s = 0.0, sign = 1.0;
  for (int k = 1; k <= 100; ++k) {
    const double term = std::exp(-2.0 * k * k * x * x);
    s += sign * term;
    if (term < 1e-17 * s) break;
    sign = -sign;
  }
  return std::min(1.0, 2.0 * s);
}

namespace detail {
// One-sided exact P(D+_n >= d) (Smirnov 1944; Birnbaum & Tingey 1951):
// d·Σ_{j=0}^{⌊n(1−d)⌋} C(n,j)·(1 − d − j/n)^(n−j)·(d + j/n)^(j−1), terms in log space.
inline double smirnov_sf(std::size_t n, double d) noexcept {
  if (d <= 0.0) return 1.0;
  if (d >= 1.0) return 0.0;
  const double nn = static_cast<double>(n);
  const auto jmax = static_cast<std::size_t>(std::floor(nn * (1.0 - d)));
  double s = 0.0;
  for (std::size_t j = 0; j <= jmax; ++j) {
    const double jj = static_cast<double>(j);
    const double p = 1.0 - d - jj / nn;
    if (p <= 0.0) continue;
    const double lt = std::lgamma(nn + 1.0) - std::lgamma(jj + 1.0) - std::lgamma(nn - jj + 1.0) +
                      (nn - jj) * std::log(p) + (jj - 1.0) * std::log(d + jj / nn);
    s += std::exp(lt);
  }
  return std::min(1.0, d * s);
}

// P(D_n < d) exactly, by Marsaglia, Tsang & Wang (2003, J. Stat. Software 8(18)): the (k,k)
// element of H^n times n!/n^n, H an m×m matrix, k = ⌊n·d⌋ + 1, m = 2k − 1; powers are rescaled by
// 1e140 to stay in range. O(m³ log n): the caller keeps m small.
inline double kolmogorov_cdf_mtw(std::size_t n, double d) {
  const auto k = static_cast<std::size_t>(static_cast<double>(n) * d) + 1;
  const std::size_t m = 2 * k - 1;
  const double h = static_cast<double>(k) - static_cast<double>(n) * d;
  std::vector<double> hm(m * m);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < m; ++j) hm[i * m + j] = (i + 1 >= j) ? 1.0 : 0.0;
  for (std::size_t i = 0; i < m; ++i) {
    hm[i * m] -= std::pow(h, static_cast<double>(i + 1));
    hm[(m - 1) * m + i] -= std::pow(h, static_cast<double>(m - i));
  }
  hm[(m - 1) * m] += (2.0 * h - 1.0 > 0.0) ? std::pow(2.0 * h - 1.0, static_cast<double>(m)) : 0.0;
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < m; ++j)
      if (i + 1 > j)
        for (std::size_t g = 1; g <= i + 1 - j; ++g) hm[i * m + j] /= static_cast<double>(g);
  auto mul = [m](const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> c(m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t l = 0; l < m; ++l) {
        const double ail = a[i * m + l];
        if (ail == 0.0) continue;
        for (std::size_t j = 0; j < m; ++j) c[i * m + j] += ail * b[l * m + j];
      }
    return c;
  };
  // Left-to-right binary powering with the same rescaling rule as the paper's recursive mPower.
  std::vector<double> q = hm;
  long e = 0;
  int top = 63;
  while (top > 0 && !((static_cast<std::uint64_t>(n) >> top) & 1u)) --top;
  for (int bit = top - 1; bit >= 0; --bit) {
    q = mul(q, q);
    e *= 2;
    if ((static_cast<std::uint64_t>(n) >> bit) & 1u) q = mul(hm, q);
    if (q[(m / 2) * m + m / 2] > 1e140) {
      for (double& v : q) v *= 1e-140;
      e += 140;
    }
  }
  double s = q[(k - 1) * m + k - 1];
  for (std::size_t i = 1; i <= n; ++i) {
    s = s * static_cast<double>(i) / static_cast<double>(n);
    if (s < 1e-140) {
      s *= 1e140;
      e -= 140;
    }
  }
  return s * std::pow(10.0, static_cast<double>(e));
}

// P(D_n <= d) by the Pelz & Good (1976) expansion K0 + K1/√n + K2/n + K3/n^1.5 in z = √n·d,
// with the Jacobi-theta forms that converge for small z (as scipy's _kolmogn_PelzGood).
// Used for large n where the exact matrix would be too big; accurate to ~1e−7 there.
inline double kolmogorov_cdf_pelz_good(std::size_t n, double d) noexcept {
  constexpr double pi2 = std::numbers::pi * std::numbers::pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
  const double sqrt2pi = std::sqrt(2.0 * std::numbers::pi);
  const double nn = static_cast<double>(n);
  const double z = std::sqrt(nn) * d, z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
  const double qlog = -pi2 / 8.0 / z2;
  if (qlog < -708.0) return 0.0;
  double q = std::exp(qlog);
  const double k1a = -z2, k1b = pi2 / 4.0;
  const double k2a = 6.0 * z6 + 2.0 * z4, k2b = (2.0 * z4 - 5.0 * z2) * pi2 / 4.0, k2c = pi4 * (1.0 - 2.0 * z2) / 16.0;
  const double k3d = pi6 * (5.0 - 30.0 * z2) / 64.0, k3c = pi4 * (-60.0 * z2 + 212.0 * z4) / 16.0,
               k3b = pi2 * (135.0 * z4 - 96.0 * z6) / 4.0, k3a = -30.0 * z6 - 90.0 * z4 * z4;
  double k[4] = {0.0, 0.0, 0.0, 0.0};
  const int maxk = static_cast<int>(std::ceil(16.0 * z / std::numbers::pi));
  for (int kk = maxk; kk >= 1; --kk) {  // Horner in q over odd m = 2k − 1: Σ c_m q^(m²)
    const double m = 2.0 * kk - 1.0, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    const double qp = std::pow(q, 8.0 * kk);
    const double c[4] = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6};
    for (int i = 0; i < 4; ++i) k[i] = k[i] * qp + c[i];
  }
  const double div[4] = {z, 6.0 * z4, 72.0 * z6 * z, 6480.0 * z4 * z6};
  for (int i = 0; i < 4; ++i) k[i] = k[i] * q * sqrt2pi / div[i];
  q = std::exp(-pi2 / 2.0 / z2);
  double e2 = 0.0, e3 = 0.0;
  const double s3z = std::sqrt(3.0) * z;
  for (int kk = maxk; kk >= 1; --kk) {
    const double ks = static_cast<double>(kk) * kk, kpi = std::numbers::pi * kk;
    const double qp = std::pow(q, ks);
    e2 += ks * qp;
    e3 += (s3z + kpi) * (s3z - kpi) * ks * qp;
  }
  k[2] += e2 * pi2 * sqrt2pi / (-36.0 * z3);
  k[3] += e3 * pi2 * sqrt2pi / (216.0 * z6);
  return k[0] + k[1] / std::sqrt(nn) + k[2] / nn + k[3] / (nn * std::sqrt(nn));
}
}  // namespace detail

/// P(D_n >= d) for the one-sample two-sided statistic of n observations (scipy.stats.kstwo.sf),
/// following the case split of Simard & L'Ecuyer (2011) as scipy does: exact closed forms for
/// n·d <= 1 and n·d >= n − 1; 2·Smirnov for d >= ½ (exact there) and for n·d² large (error below
/// 1e−7); Marsaglia–Tsang–Wang in between while its matrix has at most 201 rows (exact); beyond
/// that (n above ~4500 with n·d² small) the Pelz–Good expansion.
inline double kolmogorov_sf(std::size_t n, double d) {
  if (std::isnan(d) || n == 0) return std::numeric_limits<double>::quiet_NaN();
  if (d >= 1.0) return 0.0;
  if (d <= 0.0) return 1.0;
  const double nn = static_cast<double>(n), t = nn * d;
  if (t <= 0.5) return 1.0;
  if (t <= 1.0) {  // Ruben & Gambino (1982): P(D_n < d) = n!/n^n·(2t − 1)^n
    double p = 1.0;
    for (std::size_t i = 1; i <= n; ++i) p *= static_cast<double>(i) / nn * (2.0 * t - 1.0);
    return 1.0 - p;
  }
  if (t >= nn - 1.0) return 2.0 * std::pow(1.0 - d, nn);
  if (d >= 0.5) return 2.0 * detail::smirnov_sf(n, d);
  const double nx2 = t * d;
  if (nx2 >= (n <= 140 ? 4.0 : 2.2)) return std::min(1.0, 2.0 * detail::smirnov_sf(n, d));
  if (static_cast<std::size_t>(t) + 1 <= 101) return std::clamp(1.0 - detail::kolmogorov_cdf_mtw(n, d), 0.0, 1.0);
  return std::clamp(1.0 - detail::kolmogorov_cdf_pelz_good(n, d), 0.0, 1.0);
}

struct ks_options {
  /// The exact p-value costs O(n·m) time and O(m) memory; above this many cells it is skipped
  /// (NaN, exact_computed = false). scipy's "auto" uses exact up to max(n, m) = 10000.
  std::size_t exact_max_cells = 100'000'000;
};

struct ks_result {
  double statistic = std::numeric_limits<double>::quiet_NaN();     ///< D = sup |F_x − F_y|
  double p_exact = std::numeric_limits<double>::quiet_NaN();       ///< P(D_{n,m} >= D) under H0, exact
  double p_asymptotic = std::numeric_limits<double>::quiet_NaN();  ///< scipy "asymp": kstwo.sf(D, round(nm/(n+m)))
  double p_limit = std::numeric_limits<double>::quiet_NaN();       ///< Kolmogorov limit at sqrt(nm/(n+m))·D
  std::size_t n = 0, m = 0;    ///< finite values used from each sample
  std::size_t skipped = 0;     ///< NaN values ignored
  bool exact_computed = false;
};

/// Two-sample, two-sided KS test. D is computed in integers (|i·m − j·n| over the pooled order,
/// after each group of ties), so the exact path count compares integers and has no rounding at
/// the boundary. p_exact = share of monotone lattice paths (0,0)→(n,m) that reach
/// |i·m − j·n| >= n·m·D, by the recursion g(i,j) = (i·g(i−1,j) + j·g(i,j−1))/(i+j) over
/// path fractions (g = 1 outside the band): no binomial overflow and no 1 − P cancellation, so
/// tiny p-values keep their relative accuracy. NaN values are skipped. An empty sample gives NaN
/// fields.
inline ks_result ks_two_sample(std::span<const double> x, std::span<const double> y, const ks_options& opt = {}) {
  ks_result r;
  std::vector<double> a, b;
  for (double v : x) (std::isnan(v) ? void(++r.skipped) : a.push_back(v));
  for (double v : y) (std::isnan(v) ? void(++r.skipped) : b.push_back(v));
  r.n = a.size();
  r.m = b.size();
  if (a.empty() || b.empty()) return r;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  const auto n = static_cast<std::int64_t>(r.n), m = static_cast<std::int64_t>(r.m);
  std::int64_t dmax = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const double v = (j >= b.size() || (i < a.size() && a[i] <= b[j])) ? a[i] : b[j];
    while (i < a.size() && a[i] == v) ++i;
    while (j < b.size() && b[j] == v) ++j;
    dmax = std::max(dmax, std::abs(static_cast<std::int64_t>(i) * m - static_cast<std::int64_t>(j) * n));
  }
  const double nm = static_cast<double>(n) * static_cast<double>(m);
  r.statistic = static_cast<double>(dmax) / nm;
  const double en = nm / static_cast<double>(n + m);
  r.p_asymptotic = kolmogorov_sf(static_cast<std::size_t>(std::llround(en)), r.statistic);
  r.p_limit = kolmogorov_limit_sf(std::sqrt(en) * r.statistic);
  if (static_cast<double>(r.n) * static_cast<double>(r.m) <= static_cast<double>(opt.exact_max_cells)) {
    r.exact_computed = true;
    // g over j for the current i; outside(i, j) <=> |i·m − j·n| >= dmax.
    std::vector<double> g(static_cast<std::size_t>(m) + 1);
    for (std::int64_t ii = 0; ii <= n; ++ii)
      for (std::int64_t jj = 0; jj <= m; ++jj) {
        auto& cell = g[static_cast<std::size_t>(jj)];
        if (std::abs(ii * m - jj * n) >= dmax) cell = 1.0;
        else if (ii == 0 && jj == 0) cell = 0.0;
        else {
          const double up = ii > 0 ? cell : 0.0;  // g(i−1, j), still in the row buffer
          const double left = jj > 0 ? g[static_cast<std::size_t>(jj - 1)] : 0.0;
          cell = (static_cast<double>(ii) * up + static_cast<double>(jj) * left) / static_cast<double>(ii + jj);
        }
      }
    r.p_exact = dmax == 0 ? 1.0 : g[static_cast<std::size_t>(m)];
  }
  return r;
}

}  // namespace embargo

#endif
