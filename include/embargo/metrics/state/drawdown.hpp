// embargo: the drawdown monoid of compounded wealth (spec-metrics-stats §4.3), in a form that
// needs no division per observation. Relative to wealth 1 at the state's start:
//   G  final wealth (kept as log G: no overflow over long histories)
//   L  lowest wealth, the start included (kept as log L)
//   u  final wealth / running peak, the start counting as a peak (empyrical, PA, quantstats)
//   m  lowest wealth / running peak seen, so max drawdown = 1 − m
// One observation with factor f = 1 + r: u ← min(1, u·f), m ← min(m, u). A later chunk B after
// A: the combined ratio inside B is min(u_A·W_B, u_B), hence
//   m = min(m_A, m_B, u_A·L_B),  u = min(u_B, u_A·G_B),  L = min(L_A, G_A·L_B),  G = G_A·G_B
// (associative, not commutative). The bulk path splits a block into 8 contiguous lanes whose
// chains run side by side (a single chain is bound by the latency of multiply + min), then
// merges the lanes in order.
#ifndef EMBARGO_METRICS_STATE_DRAWDOWN_HPP
#define EMBARGO_METRICS_STATE_DRAWDOWN_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

#include <embargo/metrics/impl/sign_indicator.hpp>
#include <embargo/metrics/impl/simd.hpp>
#include <embargo/metrics/options.hpp>

namespace embargo::detail {

struct drawdown {
  double log_growth = 0;  ///< log G of the folded part
  double log_low = 0;     ///< log L of the folded part (<= 0)
  double ratio = 1;       ///< u
  double worst = 1;       ///< m
  double pending_growth = 1;  ///< linear G of the observations since the last fold
  double pending_low = 1;     ///< linear L of those, relative to where they start
  bool invalid = false;       ///< a return below −100 %: wealth would turn negative

  friend bool operator==(const drawdown&, const drawdown&) = default;

  void push(double x, const metric_options& = {}) noexcept {
    const double f = 1.0 + x;
    if (f < 0) {
      invalid = true;
      return;
    }
    ratio = std::min(1.0, ratio * f);
    worst = std::min(worst, ratio);
    pending_growth *= f;
    pending_low = std::min(pending_low, pending_growth);
    if (!(pending_growth > 1e-100 && pending_growth < 1e100)) fold();  // logs only when needed
  }

  void merge(const drawdown& b) noexcept {
    invalid = invalid || b.invalid;
    const double lg = b.log_growth + std::log(b.pending_growth);
    const double ll = std::min(b.log_low, b.log_growth + std::log(b.pending_low));
    append_logs(lg, ll, b.ratio, b.worst);
  }

  void push_block(std::span<const double> xs, const metric_options& o = {}) noexcept {
    constexpr std::size_t lanes = 8;
    const std::size_t len = xs.size(), w = len / lanes;
    if (w < 16) {
      for (double x : xs) push(x, o);
      return;
    }
    const double* x = xs.data();
    double g[lanes], lo[lanes], u[lanes], m[lanes], fmin[lanes];
    for (std::size_t k = 0; k < lanes; ++k) g[k] = lo[k] = u[k] = m[k] = fmin[k] = 1.0;
#ifdef EMBARGO_METRICS_VECTOR
    {
      using detail::vecd;
      const vecd one = detail::splat(1.0);
      constexpr std::size_t groups = lanes / detail::vlanes;  // vectors of lanes side by side
      vecd vg[groups], vlo[groups], vu[groups], vm[groups], vf[groups];
      for (std::size_t k = 0; k < groups; ++k) vg[k] = vlo[k] = vu[k] = vm[k] = vf[k] = one;
      for (std::size_t i = 0; i < w; ++i)
        for (std::size_t k = 0; k < groups; ++k) {
          vecd f;
          for (std::size_t j = 0; j < detail::vlanes; ++j) f[j] = x[(detail::vlanes * k + j) * w + i];
          f += one;
          vf[k] = detail::vmin(vf[k], f);
          vg[k] *= f;
          vlo[k] = detail::vmin(vlo[k], vg[k]);
          vu[k] = detail::vmin(one, vu[k] * f);
          vm[k] = detail::vmin(vm[k], vu[k]);
        }
      for (std::size_t k = 0; k < groups; ++k)
        for (std::size_t j = 0; j < detail::vlanes; ++j) {
          const std::size_t lane = detail::vlanes * k + j;
          g[lane] = vg[k][j];
          lo[lane] = vlo[k][j];
          u[lane] = vu[k][j];
          m[lane] = vm[k][j];
          fmin[lane] = vf[k][j];
        }
    }
#else
    for (std::size_t i = 0; i < w; ++i)
      for (std::size_t k = 0; k < lanes; ++k) {
        const double f = 1.0 + x[k * w + i];
        fmin[k] = std::min(fmin[k], f);
        g[k] *= f;
        lo[k] = std::min(lo[k], g[k]);
        u[k] = std::min(1.0, u[k] * f);
        m[k] = std::min(m[k], u[k]);
      }
#endif
    for (std::size_t k = 0; k < lanes; ++k) {
      // A lane of at most 256 factors overflows only with absurd returns; redo it exactly then.
      if (!(fmin[k] >= 0.0) || !std::isfinite(g[k])) {
        for (std::size_t i = 0; i < w; ++i) push(x[k * w + i], o);
        continue;
      }
      if (g[k] > 0)
        append_logs(std::log(g[k]), std::log(lo[k]), u[k], m[k]);
      else  // wealth reached zero inside the lane and stays there
        append_logs(-INFINITY, -INFINITY, 0.0, 0.0);
    }
    for (std::size_t i = lanes * w; i < len; ++i) push(x[i], o);
  }

  /// The same monoid in linear terms, for windows short enough that G cannot overflow: the
  /// rolling adaptor keeps a two-stack queue of these (amortised O(1), no rescan of the window).
  struct window_chunk {
    double g = 1, low = 1, ratio = 1, worst = 1;
    double invalid = 0;  ///< 1 when a return below −100 % is inside (a double: max, not a branch)
  };
  // By-value minimum: std::min's reference form is sometimes compiled to a branch, which
  // mispredicts on returns (a coin flip) and tripled the cost of a rolling step.
  static double lesser(double a, double b) noexcept { return b < a ? b : a; }
  static double greater(double a, double b) noexcept { return b > a ? b : a; }
  static window_chunk chunk_of(double x) noexcept {
    // min(1, 1 + x) as 1 + (x − |x|)/2 (exact: x or 0), and the invalid flag from the sign: GCC
    // compiled both the minimum and a 1.0/0.0 conditional to jumps on the sign of the return.
    const double f = 1.0 + x, c = 1.0 + 0.5 * (x - std::abs(x));
    return {f, c, c, c, detail::below_zero(f)};
  }
  static window_chunk combine(const window_chunk& a, const window_chunk& b) noexcept {
    return {a.g * b.g, lesser(a.low, a.g * b.low), lesser(b.ratio, a.ratio * b.g),
            lesser(lesser(a.worst, b.worst), a.ratio * b.low), greater(a.invalid, b.invalid)};
  }
  /// Becomes the state of exactly that chunk (no logarithm: the linear part is the pending one).
  void assign(const window_chunk& c) noexcept {
    log_growth = log_low = 0;
    pending_growth = c.g;
    pending_low = c.low;
    ratio = c.ratio;
    worst = c.worst;
    invalid = c.invalid > 0;
  }

  /// Positive fraction of the running peak (DESIGN.md §7): 0.25 is a 25 % fall.
  double max_drawdown() const noexcept { return 1.0 - worst; }
  double total_log_growth() const noexcept { return log_growth + std::log(pending_growth); }

 private:
  void fold() noexcept {
    log_low = std::min(log_low, log_growth + std::log(pending_low));
    log_growth += std::log(pending_growth);
    pending_growth = pending_low = 1.0;
  }
  // Appends a chunk (log G, log L, u, m) that follows everything pushed so far.
  void append_logs(double lg, double ll, double u, double m) noexcept {
    fold();
    worst = std::min({worst, m, scaled(ratio, ll)});
    ratio = std::min(u, scaled(ratio, lg));
    log_low = std::min(log_low, log_growth + ll);
    log_growth += lg;
  }
  // r · exp(l), where 0 · exp(+big) is 0: a wealth that hit zero never recovers.
  static double scaled(double r, double l) noexcept { return r == 0.0 ? 0.0 : r * std::exp(l); }
};

}  // namespace embargo::detail

#endif
