// embargo: pandas' exponentially weighted standard deviation, `ewm(span=S).std()` (adjust=True,
// bias=False), bit for bit: the kernel behind ewm_volatility, daily_volatility and
// horizon_volatility.
//
// pandas updates the weighted mean and variance online, one division on the critical path of
// each step, so a plain loop runs at the latency of that chain. Two facts allow more: the weights
// do not depend on the data and reach a fixed point after a few thousand steps (w <- w·decay + 1
// converges), and from then on the step is a contraction of the state (it forgets the old state
// at rate decay per step). So the series after the fixed point is cut into independent segments
// run side by side in one vector; each segment's lane starts from a guess some thousand steps
// early and converges to the exact state, bit for bit, before its segment begins. That is
// verified: lane l's state where its segment begins must equal, bit for bit, the state lane l-1
// ends with; if not, lane l's segment is recomputed serially from the exact state. Every output
// is therefore exactly what the serial recurrence gives.
#ifndef EMBARGO_FEATURES_PANDAS_EWM_STD_HPP
#define EMBARGO_FEATURES_PANDAS_EWM_STD_HPP

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/simd.hpp>

namespace embargo {

namespace detail {

// One step of pandas' online update (ewmcov with x = y): `a` is the weight of the old mean after
// decay, `total` = a + 1. V is double or a vector of doubles.
template <class V>
inline void pandas_ewm_step(V& mean, V& var, const V& x, double a, double total) {
  const V prev = mean;
  mean = (mean != x) ? (a * prev + x) / total : mean;  // pandas skips the update when equal
  var = (a * (var + (prev - mean) * (prev - mean)) + (x - mean) * (x - mean)) / total;
}

inline double pandas_ewm_output(double factor, double var) {
  const double v = factor * var;
  return v > 0.0 ? std::sqrt(v) : 0.0;
}

// Serial steps over [from, to) with the steady weights, value(i) giving x_i.
template <class Value>
void pandas_ewm_steady_serial(double& mean, double& var, std::size_t from, std::size_t to, double a, double total,
                              double factor, double* out, Value value) {
  for (std::size_t i = from; i < to; ++i) {
    pandas_ewm_step(mean, var, value(i), a, total);
    out[i] = pandas_ewm_output(factor, var);
  }
}

#if !defined(EMBARGO_NO_SIMD) && (defined(__GNUC__) || defined(__clang__))
#define EMBARGO_PANDAS_EWM_LANES 1
// Eight lanes whatever the target: one AVX-512 register, two AVX ones or four SSE2 ones, so the
// chains of several lanes overlap even where a register holds two doubles.
using ewm_lanes = double __attribute__((vector_size(64)));
inline constexpr std::size_t ewm_lane_count = 8;

// sqrt(factor * v) lane by lane, 0 where that is not > 0 (the serial rule, pandas_ewm_output).
inline void pandas_ewm_output_lanes(const ewm_lanes& v, double factor, ewm_lanes& out) {
  const ewm_lanes s = v * factor;
#if defined(EMBARGO_SIMD_AVX2)
  for (std::size_t h = 0; h < ewm_lane_count; h += 4) {
    const __m256d q = _mm256_loadu_pd(reinterpret_cast<const double*>(&s) + h);
    _mm256_storeu_pd(reinterpret_cast<double*>(&out) + h,
                     _mm256_and_pd(_mm256_cmp_pd(q, _mm256_setzero_pd(), _CMP_GT_OQ), _mm256_sqrt_pd(q)));
  }
#elif defined(EMBARGO_SIMD_SSE2)
  for (std::size_t h = 0; h < ewm_lane_count; h += 2) {
    const __m128d q = _mm_loadu_pd(reinterpret_cast<const double*>(&s) + h);
    _mm_storeu_pd(reinterpret_cast<double*>(&out) + h, _mm_and_pd(_mm_cmpgt_pd(q, _mm_setzero_pd()), _mm_sqrt_pd(q)));
  }
#else
  for (std::size_t l = 0; l < ewm_lane_count; ++l) out[l] = s[l] > 0.0 ? std::sqrt(s[l]) : 0.0;
#endif
}

// Runs the segments of the steady part [first, n) (constant a, total and factor, exact state
// (mean, var) at first - 1) side by side and writes their outputs to out[first, n). x may be
// out itself (each value is read before its slot is written); a segment recomputed serially
// reads its values from reload(i) instead. Returns false, leaving nothing written, when the
// steady part is too short to pay for the warm-ups.
template <class Reload>
bool pandas_ewm_lanes(const double* x, double* out, std::size_t n, std::size_t first, double mean, double var,
                      double a, double total, double factor, Reload reload) {
  constexpr std::size_t L = ewm_lane_count;
  // Steps for a state error to shrink below 2^-64 of the state at contraction rate a / total,
  // plus a margin: after that the guessed state has merged with the exact one.
  const double rate = a / total;
  if (!(rate < 1.0)) return false;
  const double warm_d = rate > 0.0 ? std::ceil(64.0 * std::log(2.0) / -std::log(rate)) + 64.0 : 64.0;
  const std::size_t seg = (n - first) / L;
  // The lanes cost about warm + seg vector steps against L·seg serial ones; measured here (span
  // 100, warm ~2280, AVX-512), they break even near warm = 3.5 seg and win from there: 10000
  // bars 7.8 -> 5.7 ms per 100 series at warm = 2.2 seg (the former bound, seg / 4, kept them
  // from anything under ~75000 bars).
  if (!(warm_d < 3.0 * static_cast<double>(seg))) return false;
  const auto warm = static_cast<std::size_t>(warm_d);

  std::array<std::size_t, L> begin{};
  for (std::size_t l = 0; l < L; ++l) begin[l] = first + l * seg;
  // Vectors wider than the target's registers go by reference only (-Wpsabi).
  ewm_lanes in;
  const auto gather = [&](std::size_t offset_back, std::size_t j) -> const ewm_lanes& {
    for (std::size_t l = 0; l < L; ++l) in[l] = x[begin[l] - offset_back + j];
    return in;
  };
  // Warm-up: lane l >= 1 starts at begin[l] - warm from the pandas initial state (mean = x, var
  // = 0) and stops at begin[l] - 1. Lane 0 runs the same steps on lane 1's data and is then
  // given the exact state.
  begin[0] = begin[1];
  ewm_lanes m = gather(warm, 0);
  ewm_lanes v = m - m;
  for (std::size_t j = 1; j < warm; ++j) pandas_ewm_step(m, v, gather(warm, j), a, total);
  std::array<double, L> warm_mean{}, warm_var{};
  for (std::size_t l = 0; l < L; ++l) warm_mean[l] = m[l], warm_var[l] = v[l];
  begin[0] = first;
  m[0] = mean;
  v[0] = var;
  ewm_lanes sd;
  for (std::size_t j = 0; j < seg; ++j) {
    pandas_ewm_step(m, v, gather(0, j), a, total);
    pandas_ewm_output_lanes(v, factor, sd);
    for (std::size_t l = 0; l < L; ++l) out[begin[l] + j] = sd[l];
  }
  // Verification, in order: the exact state before lane l's segment is lane l-1's final state.
  const auto same = [](double p, double q) { return std::bit_cast<std::uint64_t>(p) == std::bit_cast<std::uint64_t>(q); };
  mean = m[0];
  var = v[0];
  for (std::size_t l = 1; l < L; ++l) {
    if (same(mean, warm_mean[l]) && same(var, warm_var[l])) {
      mean = m[l];
      var = v[l];
      continue;
    }
    pandas_ewm_steady_serial(mean, var, begin[l], begin[l] + seg, a, total, factor, out, reload);
  }
  pandas_ewm_steady_serial(mean, var, first + L * seg, n, a, total, factor, out, [x](std::size_t i) { return x[i]; });
  return true;
}
#endif

}  // namespace detail

namespace detail {
// The whole recurrence over x[0, n) into out[0, n); x may be out (see pandas_ewm_lanes).
template <class Reload>
void pandas_ewm_std_into(const double* x, double* out, std::size_t n, double span, Reload reload) {
  if (n == 0) return;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double decay = 1.0 - 2.0 / (span + 1.0);
  double mean = x[0], var = 0.0, w_old = 1.0, sum_w = 1.0, sum_w2 = 1.0;
  out[0] = nan;
  for (std::size_t k = 1; k < n; ++k) {
    const double before_w = w_old, before_sw = sum_w, before_sw2 = sum_w2;
    sum_w *= decay;
    sum_w2 *= decay * decay;
    w_old *= decay;
    const double a = w_old, total = w_old + 1.0;
    pandas_ewm_step(mean, var, x[k], a, total);
    sum_w += 1.0;
    sum_w2 += 1.0;
    w_old += 1.0;
    const double num = sum_w * sum_w, den = num - sum_w2;
    out[k] = den > 0.0 ? pandas_ewm_output(num / den, var) : nan;
    // Once the weights stop changing, every later step has the same a, total and factor.
    if (w_old == before_w && sum_w == before_sw && sum_w2 == before_sw2 && den > 0.0 && k + 1 < n) {
      const double factor = num / den;
#if defined(EMBARGO_PANDAS_EWM_LANES)
      if (!pandas_ewm_lanes(x, out, n, k + 1, mean, var, a, total, factor, reload))
#endif
        pandas_ewm_steady_serial(mean, var, k + 1, n, a, total, factor, out, [x](std::size_t i) { return x[i]; });
      return;
    }
  }
  (void)reload;
}
}  // namespace detail

/// pandas `Series(x).ewm(span=span).std()` (adjust=True, bias=False) written to out[0, x.size()):
/// out[0] is NaN (one observation has no corrected variance); values must be finite for a
/// meaningful result (pandas' NaN skipping is not reproduced: callers pass the observed values).
/// Bit for bit the serial pandas recurrence, whatever path runs (tests/events, tests/features).
/// out may be x itself. Preconditions: span >= 1; out.size() == x.size().
inline void pandas_ewm_std(std::span<const double> x, double span, std::span<double> out) {
  detail::require(span >= 1.0, "pandas_ewm_std: span must be >= 1, got " + std::to_string(span));
  detail::require(out.size() == x.size(), "pandas_ewm_std: output has " + std::to_string(out.size()) + " slots for " +
                                              std::to_string(x.size()) + " values");
  if (x.data() == out.data()) {
    // In place the lanes' fallback could not reread overwritten values: keep a copy for it.
    const std::vector<double> copy(x.begin(), x.end());
    detail::pandas_ewm_std_into(copy.data(), out.data(), out.size(), span, [&](std::size_t i) { return copy[i]; });
  } else {
    detail::pandas_ewm_std_into(x.data(), out.data(), out.size(), span, [x](std::size_t i) { return x[i]; });
  }
}

}  // namespace embargo

#endif
