// embargo: the symmetric CUSUM filter, which samples event bars where the cumulative move since
// the last event on one side exceeds a threshold (AFML snippet 2.4, mlfinlab cusum_filter).
// Fixed or per-bar thresholds; log returns (mlfinlab), price differences (the book) or pct.
#ifndef EMBARGO_EVENTS_CUSUM_HPP
#define EMBARGO_EVENTS_CUSUM_HPP

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/huge_pages.hpp>
#include <embargo/core/price_checks.hpp>
#include <embargo/core/simd.hpp>

namespace embargo {

/// What the filter accumulates: x_t = log P_t - log P_{t-1} (mlfinlab, the default),
/// P_t - P_{t-1} (AFML snippet 2.4) or P_t / P_{t-1} - 1.
enum class cusum_input { log_return, difference, pct_return };

/// After an event: reset only the side that fired (peer parity) or both sides.
enum class cusum_reset { one_side, both };

struct cusum_options {
  double threshold = 0.01;                     ///< h > 0, in the units of cusum_input
  cusum_input input = cusum_input::log_return;
  cusum_reset reset = cusum_reset::one_side;
};

namespace detail {
inline void check_cusum_prices(std::span<const double> p, cusum_input in) {
  if (in == cusum_input::difference)
    check_finite("cusum_filter", "price", p);
  else
    check_prices("cusum_filter", "price", p);
}

// The summing kernel, for per-bar thresholds and percentage returns (whose sums do not
// telescope); Threshold(t) returns h_t. The increments of a block are
// computed first (the logs pipeline well when independent of the recursion), then the recursion
// runs without branches: an event bar is written unconditionally and the count advanced by the
// firing flag, because event bars are too irregular for the branch predictor.
// v if keep, else +0.0, without a branch.
inline double keep_if(double v, bool keep) noexcept {
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(v) & (std::uint64_t{0} - static_cast<std::uint64_t>(keep)));
}

// The fixed-threshold kernel for inputs whose sums telescope. S+ = max(0, S+ + x_t) is exactly
// the move from the lowest price since the last upward event (m), so "S+ > h" is "P_t > m e^h"
// for log returns and "P_t > m + h" for differences; likewise S- with the highest price M. Each
// side keeps its trigger level (m e^h and M e^-h), so a bar needs no log, only a level computed
// off the serial chain, and no rounding accumulates over the bars since the last event. Levels
// are monotone in the price (fl(x e^h) is monotone in x), so min(m, P) e^h == min(m e^h, P e^h).
//
// The two sides share one register: lane 0 holds the upper trigger and the price, lane 1 their
// negations, so one compare tests both sides and one min updates both levels. `level` maps
// (P, -P) to (level_up(P), -level_down(P)), e.g. (P, -P) * (e^h, e^-h).
struct cusum_levels {
  double up_mul, down_mul, add;  // level = x * mul + add, lane by lane
  // Multiplied levels (log returns, add = 0) are exact to one rounding only while they are
  // normal numbers: P e^h can overflow to inf, P e^-h underflow into denormals (tiny prices or a
  // huge h), and then the caller falls back to the summed recursion.
  bool check_range = false;
};

// Outside [DBL_MIN, DBL_MAX] in magnitude (denormal, zero, inf): the level lost its precision.
inline bool cusum_level_out_of_range(double q) noexcept {
  const double a = std::abs(q);
  return !(a >= std::numeric_limits<double>::min() && a <= std::numeric_limits<double>::max());
}

template <bool Both>
void cusum_level_block(const double* p, std::size_t start, std::size_t len, const cusum_levels& lv, double& hi,
                       double& neg_lo, std::size_t* fired, std::size_t& m, bool& out_of_range) {
#if defined(EMBARGO_SIMD_SSE2)
  const __m128d mul = _mm_set_pd(lv.down_mul, lv.up_mul), add = _mm_set1_pd(lv.add);
  const __m128d sign = _mm_set_pd(-0.0, 0.0);
  // (max P, max -P) over the block: the levels are monotone in P, so the extreme prices' levels
  // bound every level of the block (one max per bar, off the chain through v).
  __m128d extreme = _mm_set1_pd(-std::numeric_limits<double>::infinity());
  __m128d v = _mm_set_pd(neg_lo, hi);
  for (std::size_t j = 0; j < len; ++j) {
    const std::size_t t = start + j;
    const __m128d px = _mm_xor_pd(_mm_set1_pd(p[t]), sign);
    const __m128d q = _mm_add_pd(_mm_mul_pd(px, mul), add);
    if (lv.check_range) extreme = _mm_max_pd(extreme, px);
    __m128d fire = _mm_cmpgt_pd(px, v);
    int bits = _mm_movemask_pd(fire);
    // Both sides at once would need the price outside both levels; with a fixed threshold that
    // cannot happen in exact arithmetic, but a tie in rounding is handled as the peers: the
    // downward event wins and S+ carries on.
    if (bits == 3) [[unlikely]] {
      fire = _mm_castsi128_pd(_mm_set_epi64x(-1, 0));
      bits = 2;
    }
    if constexpr (Both) fire = _mm_or_pd(fire, _mm_shuffle_pd(fire, fire, 1));
    v = _mm_or_pd(_mm_and_pd(fire, q), _mm_andnot_pd(fire, _mm_min_pd(v, q)));
    fired[m] = t;
    m += static_cast<std::size_t>(bits != 0);
  }
  hi = _mm_cvtsd_f64(v);
  neg_lo = _mm_cvtsd_f64(_mm_unpackhi_pd(v, v));
  if (lv.check_range && len > 0) {
    const double top = _mm_cvtsd_f64(extreme), bottom = -_mm_cvtsd_f64(_mm_unpackhi_pd(extreme, extreme));
    out_of_range = out_of_range || cusum_level_out_of_range(top * lv.up_mul) || cusum_level_out_of_range(bottom * lv.down_mul);
  }
#else
  for (std::size_t j = 0; j < len; ++j) {
    const std::size_t t = start + j;
    const double px = p[t], pu = px * lv.up_mul + lv.add, npd = -px * lv.down_mul + lv.add;
    if (lv.check_range) out_of_range = out_of_range || cusum_level_out_of_range(pu) || cusum_level_out_of_range(npd);
    const bool down = -px > neg_lo;
    const bool up = !down & (px > hi);
    const bool reset_hi = up | (Both & down), reset_lo = down | (Both & up);
    hi = reset_hi ? pu : std::min(hi, pu);
    neg_lo = reset_lo ? npd : std::min(neg_lo, npd);
    fired[m] = t;
    m += static_cast<std::size_t>(down | up);
  }
#endif
}

// The events, or nothing when a level left the normal range (lv.check_range).
inline std::optional<std::vector<std::size_t>> cusum_level_kernel(std::span<const double> p, cusum_reset reset,
                                                                  const cusum_levels& lv) {
  std::vector<std::size_t> out;
  if (p.size() < 2) return out;
  detail::reserve_large(out, p.size() / 16);
  double hi = p[0] * lv.up_mul + lv.add, neg_lo = -p[0] * lv.down_mul + lv.add;
  bool out_of_range = lv.check_range && (cusum_level_out_of_range(hi) || cusum_level_out_of_range(neg_lo));
  constexpr std::size_t chunk = 1024;
  std::size_t fired[chunk];
  for (std::size_t start = 1; start < p.size() && !out_of_range; start += chunk) {
    const std::size_t len = std::min(chunk, p.size() - start);
    std::size_t m = 0;
    if (reset == cusum_reset::both)
      cusum_level_block<true>(p.data(), start, len, lv, hi, neg_lo, fired, m, out_of_range);
    else
      cusum_level_block<false>(p.data(), start, len, lv, hi, neg_lo, fired, m, out_of_range);
    detail::append_large(out, fired, fired + m);
  }
  if (out_of_range) return std::nullopt;
  return out;
}

template <class Threshold>
std::vector<std::size_t> cusum_kernel(std::span<const double> p, cusum_input in, cusum_reset reset, Threshold h) {
  std::vector<std::size_t> out;
  if (p.size() < 2) return out;
  detail::reserve_large(out, p.size() / 16);
  double s_pos = 0.0, s_neg = 0.0;
  const bool both = reset == cusum_reset::both;
  constexpr std::size_t chunk = 1024;
  double x[chunk];
  std::size_t fired[chunk];
  double prev_log = in == cusum_input::log_return ? std::log(p[0]) : 0.0;
  for (std::size_t start = 1; start < p.size(); start += chunk) {
    const std::size_t len = std::min(chunk, p.size() - start);
    switch (in) {
      case cusum_input::log_return:
      {
        for (std::size_t j = 0; j < len; ++j) x[j] = std::log(p[start + j]);
        const double last = x[len - 1];
        for (std::size_t j = len; j-- > 0;) x[j] -= j ? x[j - 1] : prev_log;
        prev_log = last;
        break;
      }
      case cusum_input::difference:
        for (std::size_t j = 0; j < len; ++j) x[j] = p[start + j] - p[start + j - 1];
        break;
      case cusum_input::pct_return:
        for (std::size_t j = 0; j < len; ++j) x[j] = p[start + j] / p[start + j - 1] - 1.0;
        break;
    }
    std::size_t m = 0;
#if defined(EMBARGO_SIMD_SSE2)
    // The recursion is a serial chain through S+ and S-, so its latency is the cost: SSE2 scalar
    // max/min/compare/mask keep it in vector registers (a > h tested on the pre-clamp sum, which
    // is equivalent because h > 0) and the firing flag leaves the chain.
    const __m128d zero = _mm_setzero_pd(), both_mask = _mm_castsi128_pd(_mm_set1_epi64x(both ? -1 : 0));
    __m128d sp = _mm_set_sd(s_pos), sn = _mm_set_sd(s_neg);
    for (std::size_t j = 0; j < len; ++j) {
      const std::size_t t = start + j;
      const double ht = h(t);
      const __m128d xv = _mm_set_sd(x[j]);
      const __m128d a = _mm_add_sd(sp, xv), b = _mm_add_sd(sn, xv);
      const __m128d down = _mm_cmplt_sd(b, _mm_set_sd(-ht));
      const __m128d up = _mm_andnot_pd(down, _mm_cmpgt_sd(a, _mm_set_sd(ht)));
      sn = _mm_andnot_pd(_mm_or_pd(down, _mm_and_pd(both_mask, up)), _mm_min_sd(b, zero));
      sp = _mm_andnot_pd(_mm_or_pd(up, _mm_and_pd(both_mask, down)), _mm_max_sd(a, zero));
      fired[m] = t;
      m += static_cast<std::size_t>(_mm_movemask_pd(_mm_or_pd(down, up)) & 1);
    }
    s_pos = _mm_cvtsd_f64(sp);
    s_neg = _mm_cvtsd_f64(sn);
#else
    for (std::size_t j = 0; j < len; ++j) {
      const std::size_t t = start + j;
      // Selects as bit masks: compilers turn `c ? v : 0.0` into branches, and these branches are
      // as unpredictable as the events themselves.
      const double sp = s_pos + x[j], sn = s_neg + x[j];
      const double pos = keep_if(sp, sp > 0.0), neg = keep_if(sn, sn < 0.0);
      const double ht = h(t);
      const bool down = neg < -ht;
      const bool up = !down & (pos > ht);
      s_neg = keep_if(neg, !(down | (both & up)));
      s_pos = keep_if(pos, !(up | (both & down)));
      fired[m] = t;
      m += static_cast<std::size_t>(down | up);
    }
#endif
    detail::append_large(out, fired, fired + m);
  }
  return out;
}
}  // namespace detail

/// Symmetric CUSUM filter (AFML snippet 2.4; López de Prado 2018, §2.5.2.1).
///
/// From S+ = S- = 0, for t = 1..n-1: S+ = max(0, S+ + x_t), S- = min(0, S- + x_t); if S- < -h an
/// event at t and S- = 0, else if S+ > h an event at t and S+ = 0 (strict inequalities, at most
/// one event per bar, bar 0 never fires). Returns the event bar positions, increasing.
/// For log returns and differences the sums telescope, so the test is made on price levels
/// (S+ > h as P_t > m e^h, m the lowest price since the last upward event): the exact rule up
/// to one rounding, where mlfinlab's sum of rounded log differences may misjudge a bar within
/// ~1e-15 of the boundary (tested). It reproduces mlfinlab's events
/// (tests/data/cusum_mlfinlab.json) and the summed form on random paths. Where a level m e^h
/// would overflow or turn denormal (prices near the ends of the double range, or a huge h), and
/// for percentage returns, the summed recursion is used. Preconditions: h > 0 and finite;
/// prices finite (and > 0 unless input is `difference`).
inline std::vector<std::size_t> cusum_filter(std::span<const double> prices, cusum_options opt = {}) {
  detail::require(std::isfinite(opt.threshold) && opt.threshold > 0.0,
                  "cusum_filter: threshold must be finite and > 0, got " + std::to_string(opt.threshold));
  detail::check_cusum_prices(prices, opt.input);
  const double h = opt.threshold;
  switch (opt.input) {
    case cusum_input::log_return:
      if (auto events = detail::cusum_level_kernel(
              prices, opt.reset, {.up_mul = std::exp(h), .down_mul = std::exp(-h), .add = 0.0, .check_range = true}))
        return std::move(*events);
      break;  // a level overflowed or went denormal: the summed recursion below
    case cusum_input::difference:
      return *detail::cusum_level_kernel(prices, opt.reset, {.up_mul = 1.0, .down_mul = 1.0, .add = h});
    case cusum_input::pct_return: break;
  }
  return detail::cusum_kernel(prices, opt.input, opt.reset, [h](std::size_t) { return h; });
}

/// CUSUM filter with a per-bar threshold h_t (mlfinlab's dynamic threshold, mlfinlab PR #120):
/// `threshold[t]` is compared with the sums at bar t, so it must be known before bar t closes,
/// e.g. the volatility estimated up to t-1; passing a vol that includes bar t's own return is a
/// small look-ahead. `opt.threshold` is ignored. Preconditions: threshold.size() == prices.size();
/// every threshold[t] for t >= 1 finite and > 0 (threshold[0] is never read). The sums are
/// accumulated as mlfinlab does (a level per bar would need exp(h_t) per bar).
inline std::vector<std::size_t> cusum_filter(std::span<const double> prices, std::span<const double> threshold,
                                             cusum_options opt = {}) {
  detail::require(threshold.size() == prices.size(),
                  "cusum_filter: threshold has " + std::to_string(threshold.size()) + " values for " +
                      std::to_string(prices.size()) + " prices (expected one per bar)");
  for (std::size_t t = 1; t < threshold.size(); ++t)
    if (!(std::isfinite(threshold[t]) && threshold[t] > 0.0))
      throw data_error("cusum_filter: threshold[" + std::to_string(t) + "] = " + std::to_string(threshold[t]) +
                       " is not finite and > 0");
  detail::check_cusum_prices(prices, opt.input);
  return detail::cusum_kernel(prices, opt.input, opt.reset, [threshold](std::size_t t) { return threshold[t]; });
}

}  // namespace embargo

#endif
