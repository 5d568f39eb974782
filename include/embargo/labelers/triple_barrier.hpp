// embargo: the triple-barrier labeler (AFML ch. 3, snippets 3.2-3.7): profit-take and stop-loss
// barriers as multiples of a per-bar target, a vertical barrier, optional side and intrabar
// high/low paths. First touches in O(log h) per event, exactly equal to an O(h) scan.
#ifndef EMBARGO_LABELERS_TRIPLE_BARRIER_HPP
#define EMBARGO_LABELERS_TRIPLE_BARRIER_HPP

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/huge_pages.hpp>
#include <embargo/core/price_checks.hpp>
#include <embargo/core/simd.hpp>

namespace embargo {

/// vertical_bars value meaning "no vertical barrier: search to the last bar".
inline constexpr std::size_t no_vertical_barrier = static_cast<std::size_t>(-1);

/// How the label is derived from the first touch (spec §2.4 [REC]).
enum class label_rule {
  touch,            ///< the barrier touched: +1 upper, -1 lower, 0 vertical or censored
  sign,             ///< sign of ret at t1 (AFML snippet 3.5), vertical exits included
  touch_else_sign,  ///< the barrier touched, else the sign of ret
  meta,             ///< 1 if the (side-adjusted) bet made money (ret > 0), else 0
  mlfinlab          ///< mlfinlab 0.12 parity, quirks included (see triple_barrier below)
};

struct triple_barrier_options {
  double pt = 1.0;       ///< profit-take multiple of the target, >= 0; 0 disables the upper barrier
  double sl = 1.0;       ///< stop-loss multiple of the target, >= 0; 0 disables the lower barrier
  double min_ret = 0.0;  ///< events with target <= min_ret (or NaN) are dropped; >= 0
  std::size_t vertical_bars = no_vertical_barrier;  ///< vertical barrier h bars after t0, >= 1
  label_rule rule = label_rule::touch;
};

/// The bars a barrier is tested on: closes only (the AFML/mlfinlab default), or also highs and
/// lows so that intrabar touches count. high/low empty or both of the closes' size.
struct barrier_prices {
  std::span<const double> close;
  std::span<const double> high{};
  std::span<const double> low{};
};

/// One labelled event. 40 bytes: the small fields are one byte each because a large batch of
/// labels is written to fresh memory, whose first touch costs as much as the labelling.
struct barrier_label {
  std::size_t t0 = 0;         ///< event bar
  std::size_t t1 = 0;         ///< first touch: upper, lower or vertical barrier (last bar if censored)
  double ret = 0;             ///< side * (close[t1]/close[t0] - 1); the barrier return on an intrabar touch
  double target = 0;          ///< target[t0]
  std::int8_t side = 1;       ///< +1 long (also when no side is given), -1 short
  std::int8_t barrier = 0;    ///< +1 upper, -1 lower, 0 vertical or censored
  std::int8_t label = 0;      ///< per label_rule
  bool censored = false;      ///< the series ended before the vertical barrier and nothing was touched
  bool both_touched = false;  ///< intrabar: one bar crossed both barriers; counted as the stop
};

/// Search policies for the first touch (template parameter of triple_barrier). Both give the
/// same t1 bit for bit (tests/labelers property test).
struct fast_first_passage {};  ///< division-free screen + block sparse tables: O(log h) per event
struct scan_first_passage {};  ///< evaluates the return at every bar of the path: O(h) per event

namespace detail {

inline constexpr std::size_t tb_npos = static_cast<std::size_t>(-1);

// Block maxima of `hi` and minima of `lo` (stored side by side: one read serves both barriers)
// with a sparse table over blocks, so "first bar in [l, r] that may touch" takes two partial-block
// scans, O(log d) table reads for a touch d blocks away, and one block scan.
class range_extrema {
 public:
  static constexpr std::size_t block = 32;
  struct extent {
    double mx, mn;
  };

  range_extrema(std::span<const double> hi, std::span<const double> lo, std::size_t max_len) {
    const std::size_t nb = (hi.size() + block - 1) / block;
    if (max_len <= 4 * block || nb < 2) return;  // short paths: a plain scan is faster
    std::size_t levels = 1;
    // 2^levels >= blocks per query: the rejection windows then cover every query; fewer levels
    // would only cost speed (galloping continues at the top level), never correctness.
    while ((std::size_t{1} << levels) < max_len / block + 2 && (std::size_t{2} << levels) <= nb) ++levels;
    t_.resize(levels);
    t_[0].resize(nb);
    for (std::size_t b = 0; b < nb; ++b) {
      const std::size_t a = b * block, e = std::min(hi.size(), a + block);
      // Four running extrema side by side: one chain of dependent max/min per block was the
      // build's whole cost (the prices are finite, so the order of max and min does not matter).
      double m[4] = {hi[a], hi[a], hi[a], hi[a]}, q[4] = {lo[a], lo[a], lo[a], lo[a]};
      std::size_t i = a;
      for (; i + 4 <= e; i += 4)
        for (std::size_t k = 0; k < 4; ++k) {
          m[k] = hi[i + k] > m[k] ? hi[i + k] : m[k];
          q[k] = lo[i + k] < q[k] ? lo[i + k] : q[k];
        }
      for (; i < e; ++i) {
        m[0] = hi[i] > m[0] ? hi[i] : m[0];
        q[0] = lo[i] < q[0] ? lo[i] : q[0];
      }
      t_[0][b] = {std::max(std::max(m[0], m[1]), std::max(m[2], m[3])), std::min(std::min(q[0], q[1]), std::min(q[2], q[3]))};
    }
    for (std::size_t k = 1; k < levels; ++k) {
      const std::size_t w = std::size_t{1} << (k - 1), len = nb - (2 * w) + 1;
      t_[k].resize(len);
      for (std::size_t b = 0; b < len; ++b)
        t_[k][b] = {std::max(t_[k - 1][b].mx, t_[k - 1][b + w].mx), std::min(t_[k - 1][b].mn, t_[k - 1][b + w].mn)};
    }
  }

  /// First i in [l, r] with screen.bar(i), or tb_npos. screen.first(l, r) finds it by a scan;
  /// screen.block(extent) must hold for every block holding such a bar (it screens blocks by
  /// their max and min).
  template <class Screen>
  std::size_t find(std::size_t l, std::size_t r, const Screen& screen) const {
    if (l > r) return tb_npos;
    if (t_.empty() || r - l < 4 * block) return screen.first(l, r);
    const std::size_t bl = l / block, br = r / block;
    if (const std::size_t i = screen.first(l, (bl + 1) * block - 1); i != tb_npos) return i;
    if (bl + 1 < br) {
      std::size_t cur = bl + 1;
      const std::size_t last = br - 1;
      // O(1) rejection when no full block may hit (two overlapping power-of-two windows).
      std::size_t j = 0;
      while (j + 1 < t_.size() && (std::size_t{2} << j) <= last - cur + 1) ++j;
      const bool covered = (std::size_t{2} << j) >= last - cur + 1;
      if (!covered || screen.block(t_[j][cur]) || screen.block(t_[j][last + 1 - (std::size_t{1} << j)])) {
        // Gallop over windows of 1, 2, 4... blocks until one may hit or would overshoot, then
        // descend inside it: the first such block is fewer than 2^k blocks ahead.
        std::size_t k = 0;
        while (true) {
          const std::size_t w = std::size_t{1} << k;
          if (cur + w - 1 > last || screen.block(t_[k][cur])) break;
          cur += w;
          if (k + 1 < t_.size()) ++k;
        }
        for (std::size_t q = k; q-- > 0;) {
          const std::size_t w = std::size_t{1} << q;
          if (cur + w - 1 <= last && !screen.block(t_[q][cur])) cur += w;
        }
        // A screened block may hold no hit (the screen is per barrier, the bar test exact).
        for (; cur <= last; ++cur)
          if (screen.block(t_[0][cur]))
            if (const std::size_t i = screen.first(cur * block, cur * block + block - 1); i != tb_npos) return i;
      }
    }
    return screen.first(br * block, r);
  }

 private:
  std::vector<std::vector<extent>> t_;
};

struct touch_result {
  std::size_t up = tb_npos, dn = tb_npos;  // first touches (dn only searched up to up)
};

// Exact touch predicates: the same expressions the O(h) scan evaluates at every bar.
struct barrier_test {
  double p0, up, dn;
  int side;
  bool has_up, has_dn;
  bool up_hit(double p) const { return has_up && side * (p / p0 - 1.0) > up; }
  bool dn_hit(double p) const { return has_dn && side * (p / p0 - 1.0) < dn; }
};

inline touch_result scan_touches(std::span<const double> up_px, std::span<const double> dn_px, std::size_t l,
                                 std::size_t r, const barrier_test& b) {
  touch_result res;
  for (std::size_t i = l; i <= r && l <= r; ++i) {
    const bool u = b.up_hit(up_px[i]), d = b.dn_hit(dn_px[i]);
    if (u || d) {
      if (u) res.up = i;
      if (d) res.dn = i;
      return res;
    }
  }
  return res;
}

// The division-free screen of fast_touches: bar i may touch if its price is beyond a level set
// a hair inside the barrier. `first` tests a vector of bars per step: paths are short (tens of
// bars) and their exits unpredictable, so fewer, wider steps save most of the time.
struct barrier_screen {
  const double* up_px;
  const double* dn_px;
  double u_c, d_c;
  bool rises;

  bool bar(std::size_t i) const {
    return rises ? ((up_px[i] > u_c) | (dn_px[i] < d_c)) : ((up_px[i] < u_c) | (dn_px[i] > d_c));
  }
  bool block(const range_extrema::extent& e) const {
    return rises ? (e.mx > u_c || e.mn < d_c) : (e.mn < u_c || e.mx > d_c);
  }
  // Up to 64 bars are tested without an early exit, their hits gathered in a bit mask: a loop
  // that stops at the first hit leaves at an unpredictable step (a mispredicted branch costs
  // more than testing the rest of a short path), while a loop over the whole path runs the same
  // number of steps for every event of a batch.
  std::size_t first(std::size_t l, std::size_t r) const {
    for (std::size_t base = l; base <= r; base += 64) {
      const std::size_t end = std::min(r + 1, base + 64);
      std::uint64_t mask = 0;
      std::size_t i = base;
#if defined(EMBARGO_SIMD_AVX2)
      // Up and down prices swap roles for a short, so the compares swap operands.
      const __m256d u = _mm256_set1_pd(u_c), d = _mm256_set1_pd(d_c);
      for (; i + 4 <= end; i += 4) {
        const __m256d up = _mm256_loadu_pd(up_px + i), dn = _mm256_loadu_pd(dn_px + i);
        const __m256d hit = rises ? _mm256_or_pd(_mm256_cmp_pd(up, u, _CMP_GT_OQ), _mm256_cmp_pd(dn, d, _CMP_LT_OQ))
                                  : _mm256_or_pd(_mm256_cmp_pd(up, u, _CMP_LT_OQ), _mm256_cmp_pd(dn, d, _CMP_GT_OQ));
        mask |= static_cast<std::uint64_t>(_mm256_movemask_pd(hit)) << (i - base);
      }
#elif defined(EMBARGO_SIMD_SSE2)
      const __m128d u = _mm_set1_pd(u_c), d = _mm_set1_pd(d_c);
      for (; i + 2 <= end; i += 2) {
        const __m128d up = _mm_loadu_pd(up_px + i), dn = _mm_loadu_pd(dn_px + i);
        const __m128d hit = rises ? _mm_or_pd(_mm_cmpgt_pd(up, u), _mm_cmplt_pd(dn, d))
                                  : _mm_or_pd(_mm_cmplt_pd(up, u), _mm_cmpgt_pd(dn, d));
        mask |= static_cast<std::uint64_t>(_mm_movemask_pd(hit)) << (i - base);
      }
#endif
      for (; i < end; ++i) mask |= static_cast<std::uint64_t>(bar(i)) << (i - base);
      if (mask != 0) return base + static_cast<std::size_t>(std::countr_zero(mask));
    }
    return tb_npos;
  }
};

// Division-free screen: the exact predicate flips within a few ulps of p0 * (1 + side * a), so
// prices outside a 2^-40 relative band around that level are decided by one comparison; bars in
// the band (touches, and essentially nothing else) pay the division of the exact test.
inline touch_result fast_touches(const range_extrema& ix, std::span<const double> up_px, std::span<const double> dn_px,
                                 std::size_t l, std::size_t r, const barrier_test& b) {
  constexpr double eps = 0x1p-40;
  const double inf = std::numeric_limits<double>::infinity();
  touch_result res;
  // A long's upper barrier is a price ceiling reached by highs (up_px), its stop a floor reached
  // by lows; a short's are the reverse. A long loses at most 100% and a short gains at most 100%,
  // so a stop at R < -1 or a profit-take at R > 1 (short) can never be touched.
  const bool rises = b.side > 0;
  const bool can_up = b.has_up && (rises || b.up < 1.0), can_dn = b.has_dn && (!rises || b.dn > -1.0);
  const double u_lvl = b.p0 * (1.0 + b.side * b.up), d_lvl = b.p0 * (1.0 + b.side * b.dn);
  const double u_c = !can_up ? (rises ? inf : -inf) : rises ? u_lvl * (1.0 - eps) : u_lvl * (1.0 + eps);
  const double d_c = !can_dn ? (rises ? -inf : inf) : rises ? d_lvl * (1.0 + eps) : d_lvl * (1.0 - eps);
  const barrier_screen screen{up_px.data(), dn_px.data(), u_c, d_c, rises};
  for (std::size_t from = l; from <= r;) {
    const std::size_t i = ix.find(from, r, screen);
    if (i == tb_npos) break;
    const bool u = can_up && b.up_hit(up_px[i]), d = can_dn && b.dn_hit(dn_px[i]);
    if (u || d) {
      if (u) res.up = i;
      if (d) res.dn = i;
      break;
    }
    from = i + 1;
  }
  return res;
}

}  // namespace detail

/// Triple-barrier labels (López de Prado 2018, ch. 3; spec §2.2-2.4).
///
/// For each event bar t0 with target g = target[t0] > min_ret: the path is bars t0+1 .. v with
/// v = min(t0 + vertical_bars, n - 1) (all remaining bars without a vertical barrier). With the
/// side s (+1 when `side` is empty) and R_b = s * (P_b / P_t0 - 1), the upper barrier is touched
/// at the first b with R_b > pt*g, the lower at the first b with R_b < -sl*g (strict, as the
/// peers); a multiple of 0 disables its barrier. t1 = the earliest touch, else v. If the series
/// ends before t0 + vertical_bars (or there is none) and nothing is touched, the event is
/// `censored` (t1 = n-1, barrier 0). With high/low, the upper barrier of a long is tested on
/// highs and the lower on lows (the reverse for a short); a bar crossing both counts as the
/// stop (pessimistic) and sets both_touched, and a horizontal exit returns the barrier itself.
///
/// [REC] Both multiples are always honoured. label_rule::mlfinlab reproduces mlfinlab 0.12
/// instead: without a side the touch search uses [pt, pt] (the user's sl is ignored, and pt = 0
/// disables both barriers; mlfinlab#451, mlfinpy#4), ret = exp(s*log(P1/P0)) - 1, and the label
/// re-derives the barrier from the log return (+1 if logret > pt*log(1+g), -1 if logret <
/// -sl*log(1+g), else 0; with a side, 0 where logret <= 0), see tests/data/triple_barrier_mlfinlab.json.
///
/// `vertical` (optional, one per event, no_vertical_barrier allowed) overrides vertical_bars,
/// e.g. from vertical_barriers_by_time. Dropped events (target <= min_ret) are absent from the
/// result; the rest keep the order of `events`. Preconditions: prices finite and > 0; target
/// has one value per bar; events < n; side values ±1; pt, sl, min_ret finite and >= 0.
///
/// triple_barrier_into writes the same labels into `out` (cleared first, its capacity reused):
/// labelling in a loop then touches no fresh memory, whose first-touch page faults cost about as
/// much as the labelling itself on a large batch.
template <class Search = fast_first_passage>
void triple_barrier_into(std::vector<barrier_label>& out, const barrier_prices& px, std::span<const std::size_t> events,
                         std::span<const double> target, const triple_barrier_options& opt = {},
                         std::span<const double> side = {}, std::span<const std::size_t> vertical = {}) {
  out.clear();
  const std::size_t n = px.close.size();
  detail::require(std::isfinite(opt.pt) && opt.pt >= 0.0, "triple_barrier: pt must be finite and >= 0, got " + std::to_string(opt.pt));
  detail::require(std::isfinite(opt.sl) && opt.sl >= 0.0, "triple_barrier: sl must be finite and >= 0, got " + std::to_string(opt.sl));
  detail::require(std::isfinite(opt.min_ret) && opt.min_ret >= 0.0,
                  "triple_barrier: min_ret must be finite and >= 0, got " + std::to_string(opt.min_ret));
  detail::require(opt.vertical_bars >= 1, "triple_barrier: vertical_bars must be >= 1 (use no_vertical_barrier for none)");
  detail::require(target.size() == n, "triple_barrier: target has " + std::to_string(target.size()) + " values for " +
                                          std::to_string(n) + " bars (expected one per bar)");
  detail::require(side.empty() || side.size() == events.size(),
                  "triple_barrier: side has " + std::to_string(side.size()) + " values for " + std::to_string(events.size()) + " events");
  detail::require(vertical.empty() || vertical.size() == events.size(),
                  "triple_barrier: vertical has " + std::to_string(vertical.size()) + " values for " +
                      std::to_string(events.size()) + " events");
  const bool intrabar = !px.high.empty() || !px.low.empty();
  detail::require(!intrabar || (px.high.size() == n && px.low.size() == n),
                  "triple_barrier: high and low must both be given with one value per bar");
  detail::check_prices("triple_barrier", "close", px.close);
  if (intrabar) {
    detail::check_prices("triple_barrier", "high", px.high);
    detail::check_prices("triple_barrier", "low", px.low);
  }
  for (std::size_t k = 0; k < events.size(); ++k) {
    if (events[k] >= n)
      throw data_error("triple_barrier: event " + std::to_string(k) + " at bar " + std::to_string(events[k]) +
                       " is outside the series of " + std::to_string(n) + " bars");
    if (!side.empty() && side[k] != 1.0 && side[k] != -1.0)
      throw data_error("triple_barrier: side[" + std::to_string(k) + "] = " + std::to_string(side[k]) + " (expected +1 or -1)");
    if (!vertical.empty() && vertical[k] != no_vertical_barrier && vertical[k] < events[k])
      throw data_error("triple_barrier: vertical barrier of event " + std::to_string(k) + " (bar " + std::to_string(vertical[k]) +
                       ") is before its t0 (bar " + std::to_string(events[k]) + ")");
  }
  const auto hi = intrabar ? px.high : px.close;
  const auto lo = intrabar ? px.low : px.close;
  std::size_t max_len = 0;
  if constexpr (std::is_same_v<Search, fast_first_passage>) {
    for (std::size_t k = 0; k < events.size(); ++k) {
      const std::size_t v = vertical.empty() ? opt.vertical_bars : (vertical[k] == no_vertical_barrier ? vertical[k] : vertical[k] - events[k]);
      max_len = std::max(max_len, std::min(v, n));
    }
  }
  const detail::range_extrema ix(hi, lo, max_len);

  detail::reserve_large(out, events.size());
  const bool parity = opt.rule == label_rule::mlfinlab;
  for (std::size_t k = 0; k < events.size(); ++k) {
    const std::size_t t0 = events[k];
    const double g = target[t0];
    if (!(g > opt.min_ret)) continue;  // also drops NaN targets, as mlfinlab's dropna
    // Filled in place: a label assembled on the stack and then copied stalls on store forwarding.
    barrier_label& e = out.emplace_back();
    e.t0 = t0;
    e.target = g;
    e.side = side.empty() ? 1 : static_cast<std::int8_t>(side[k]);
    std::size_t v = vertical.empty() ? (opt.vertical_bars == no_vertical_barrier || opt.vertical_bars > n ? no_vertical_barrier
                                                                                                          : t0 + opt.vertical_bars)
                                     : vertical[k];
    const bool may_censor = v == no_vertical_barrier || v > n - 1;
    if (may_censor) v = n - 1;
    const double pt = opt.pt, sl = parity && side.empty() ? opt.pt : opt.sl;
    const detail::barrier_test b{px.close[t0], pt * g, -sl * g, e.side, pt > 0.0, sl > 0.0};
    const auto up_px = e.side > 0 ? hi : lo;
    const auto dn_px = e.side > 0 ? lo : hi;
    detail::touch_result r;
    if constexpr (std::is_same_v<Search, fast_first_passage>)
      r = detail::fast_touches(ix, up_px, dn_px, t0 + 1, v, b);
    else
      r = detail::scan_touches(up_px, dn_px, t0 + 1, v, b);
    const std::size_t touch = std::min(r.up, r.dn);
    if (touch == detail::tb_npos) {
      e.t1 = v;
      e.censored = may_censor;
    } else {
      e.t1 = touch;
      e.barrier = r.dn == touch ? -1 : 1;  // a bar crossing both (intrabar only) counts as the stop
      e.both_touched = r.dn == touch && r.up == touch;
    }
    const double p0 = px.close[t0], p1 = px.close[e.t1];
    if (parity) {
      const double logret = e.side * (std::log(p1) - std::log(p0));
      e.ret = std::exp(logret) - 1.0;
      const double lg = std::log(1.0 + g);
      e.label = (logret > 0.0 && logret > opt.pt * lg) ? 1 : (logret < 0.0 && logret < -opt.sl * lg) ? -1 : 0;
      if (!side.empty() && logret <= 0.0) e.label = 0;
    } else {
      e.ret = intrabar && e.barrier != 0 ? (e.barrier > 0 ? b.up : b.dn) : e.side * (p1 / p0 - 1.0);
      const int sgn = (e.ret > 0.0) - (e.ret < 0.0);
      switch (opt.rule) {
        case label_rule::touch: e.label = e.barrier; break;
        case label_rule::sign: e.label = sgn; break;
        case label_rule::touch_else_sign: e.label = e.barrier != 0 ? e.barrier : sgn; break;
        case label_rule::meta: e.label = e.ret > 0.0 ? 1 : 0; break;
        case label_rule::mlfinlab: break;
      }
    }
  }
}

/// The labels as a new vector (see triple_barrier_into above for the semantics).
template <class Search = fast_first_passage>
std::vector<barrier_label> triple_barrier(const barrier_prices& px, std::span<const std::size_t> events,
                                          std::span<const double> target, const triple_barrier_options& opt = {},
                                          std::span<const double> side = {}, std::span<const std::size_t> vertical = {}) {
  std::vector<barrier_label> out;
  triple_barrier_into<Search>(out, px, events, target, opt, side, vertical);
  return out;
}

/// Vertical barriers in time (AFML snippet 3.4, mlfinlab add_vertical_barrier): for each event,
/// the first bar with time >= time[t0] + delta_seconds, or no_vertical_barrier past the end.
/// Preconditions: time strictly increasing, events < time.size(), delta > 0.
inline std::vector<std::size_t> vertical_barriers_by_time(std::span<const std::int64_t> time,
                                                          std::span<const std::size_t> events, std::int64_t delta_seconds) {
  detail::require(delta_seconds > 0, "vertical_barriers_by_time: delta must be > 0 seconds");
  std::vector<std::size_t> out(events.size());
  for (std::size_t k = 0; k < events.size(); ++k) {
    if (events[k] >= time.size())
      throw data_error("vertical_barriers_by_time: event " + std::to_string(k) + " at bar " + std::to_string(events[k]) +
                       " is outside the series of " + std::to_string(time.size()) + " bars");
    const auto it = std::lower_bound(time.begin() + static_cast<std::ptrdiff_t>(events[k]), time.end(), time[events[k]] + delta_seconds);
    out[k] = it == time.end() ? no_vertical_barrier : static_cast<std::size_t>(it - time.begin());
  }
  return out;
}

}  // namespace embargo

#endif
