// embargo: bid-ask spread estimated from daily high, low and close when quotes are unavailable.
// Corwin & Schultz (2012), "A simple way to estimate bid-ask spreads from daily high and low
// prices", J. Finance 67(2); Abdi & Ranaldo (2017), "A simple estimation of bid-ask spreads from
// daily close, high, and low prices", Rev. Financial Studies 30(12).
#ifndef EMBARGO_DATA_SPREAD_ESTIMATORS_HPP
#define EMBARGO_DATA_SPREAD_ESTIMATORS_HPP

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include <embargo/core/error.hpp>

namespace embargo {

/// Corwin–Schultz for one pair of consecutive bars:
/// β = ln²(H₀/L₀) + ln²(H₁/L₁), γ = ln²(max(H₀,H₁)/min(L₀,L₁)),
/// α = (√(2β) − √β)/(3 − 2√2) − √(γ/(3 − 2√2)), S = 2(e^α − 1)/(1 + e^α).
/// S can be negative (the paper sets two-day estimates below zero to zero before averaging).
inline double corwin_schultz_pair(double h0, double l0, double h1, double l1) noexcept {
  const double k = 3.0 - 2.0 * std::sqrt(2.0);
  const double a0 = std::log(h0 / l0), a1 = std::log(h1 / l1);
  const double beta = a0 * a0 + a1 * a1;
  const double g = std::log(std::max(h0, h1) / std::min(l0, l1));
  const double gamma = g * g;
  const double alpha = (std::sqrt(2.0 * beta) - std::sqrt(beta)) / k - std::sqrt(gamma / k);
  return 2.0 * (std::exp(alpha) - 1.0) / (1.0 + std::exp(alpha));
}

/// Mean over the series of the two-bar Corwin–Schultz estimates, negatives set to 0 (the
/// paper's convention). NaN for fewer than 2 bars.
inline double corwin_schultz_spread(std::span<const double> high, std::span<const double> low) {
  if (high.size() != low.size()) throw invalid_argument("corwin_schultz_spread: high and low differ in length");
  if (high.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (std::size_t t = 1; t < high.size(); ++t) sum += std::max(0.0, corwin_schultz_pair(high[t - 1], low[t - 1], high[t], low[t]));
  return sum / static_cast<double>(high.size() - 1);
}

/// Abdi–Ranaldo: with c = ln C and η = (ln H + ln L)/2, S² = 4·E[(c_t − η_t)(c_t − η_{t+1})];
/// returns √max(S², 0) from the mean over the series (the paper's period estimator). NaN for
/// fewer than 2 bars.
inline double abdi_ranaldo_spread(std::span<const double> high, std::span<const double> low, std::span<const double> close) {
  if (high.size() != low.size() || close.size() != high.size())
    throw invalid_argument("abdi_ranaldo_spread: high, low and close differ in length");
  if (high.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (std::size_t t = 0; t + 1 < high.size(); ++t) {
    const double c = std::log(close[t]);
    const double eta0 = 0.5 * (std::log(high[t]) + std::log(low[t]));
    const double eta1 = 0.5 * (std::log(high[t + 1]) + std::log(low[t + 1]));
    sum += (c - eta0) * (c - eta1);
  }
  return std::sqrt(std::max(0.0, 4.0 * sum / static_cast<double>(high.size() - 1)));
}

}  // namespace embargo

#endif
