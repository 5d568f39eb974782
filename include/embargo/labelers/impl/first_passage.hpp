// embargo: first passage of a price path through a ceiling and a floor, the search behind the
// triple-barrier labeler. Exactly the bars an O(h) scan of the barrier returns finds, found with
// comparisons against prices instead of a division per bar, and in O(log h) on long paths.
#ifndef EMBARGO_LABELERS_IMPL_FIRST_PASSAGE_HPP
#define EMBARGO_LABELERS_IMPL_FIRST_PASSAGE_HPP

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include <embargo/core/always_inline.hpp>
#include <embargo/core/simd.hpp>

namespace embargo::detail {

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

  /// First i in [l, r] that screen.first(l, r) would find, or tb_npos. screen.block(extent) must
  /// hold for every block holding such a bar (it screens blocks by their max and min).
  template <class Screen>
  std::size_t find(std::size_t l, std::size_t r, const Screen& screen) const {
    if (l > r) return tb_npos;
    if (t_.empty() || r - l < 4 * block) return screen.first(l, r);
    return find_far(l, r, screen);
  }

 private:
  template <class Screen>
  std::size_t find_far(std::size_t l, std::size_t r, const Screen& screen) const {
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

  std::vector<std::vector<extent>> t_;
};

/// The first bar touching a barrier (tb_npos: none on the path) and which barriers it touches
/// (both only on an intrabar path whose bar crosses the two).
struct first_touch {
  std::size_t at = tb_npos;
  bool up = false, dn = false;
};

// Exact touch predicates: the same expressions the O(h) scan evaluates at every bar.
struct barrier_test {
  double p0, up, dn;
  int side;
  bool has_up, has_dn;
  bool up_hit(double p) const { return has_up && side * (p / p0 - 1.0) > up; }
  bool dn_hit(double p) const { return has_dn && side * (p / p0 - 1.0) < dn; }
};

/// The O(h) scan: the exact predicates at every bar of [l, r]. up_px are the prices the upper
/// barrier is tested on (highs for a long, lows for a short), dn_px the lower barrier's.
inline first_touch scan_touches(std::span<const double> up_px, std::span<const double> dn_px, std::size_t l,
                                std::size_t r, const barrier_test& b) {
  for (std::size_t i = l; i <= r && l <= r; ++i) {
    const bool u = b.up_hit(up_px[i]), d = b.dn_hit(dn_px[i]);
    if (u || d) return {i, u, d};
  }
  return {};
}

// Division-free screen: the exact predicate flips within a few ulps of p0 * (1 + side * a), so
// prices outside a 2^-40 relative band around that level are decided by one comparison. Seen as
// prices, every event has a ceiling reached by highs and a floor reached by lows (for a long the
// profit-take and the stop, for a short the reverse), so the screen needs no side: bar i may touch
// if hi[i] is above the ceiling band's inner edge or lo[i] below the floor band's; a bar also
// beyond the band's outer edge touches. Only a bar inside a band pays the division of the exact
// test (rare, unless prices sit on a grid that the levels fall on): the division and the branches
// on its result had been half of the labelling.
struct barrier_bands {
  // Inner and outer edges of the bands around the two price levels (+inf / -inf for a barrier
  // that cannot be touched).
  double ceiling_near, ceiling_past, floor_near, floor_past;
  bool rises;  // long: the ceiling is the upper barrier

  static constexpr double eps = 0x1p-40;  // the bands' relative half-width

  static barrier_bands of(const barrier_test& b) {
    const double inf = std::numeric_limits<double>::infinity();
    // A disabled barrier's level is infinitely far. A level the side cannot reach (a stop below
    // -100% for a long, a profit-take above +100% for a short) needs no case of its own: it is at
    // or below 0, where no price > 0 crosses it.
    const double up = b.has_up ? b.up : inf, dn = b.has_dn ? b.dn : -inf;
    const bool rises = b.side > 0;
    const double u = b.p0 * (1.0 + b.side * up), d = b.p0 * (1.0 + b.side * dn);
    const double ceiling = rises ? u : d, floor = rises ? d : u;
    return {ceiling * (1.0 - eps), ceiling * (1.0 + eps), floor * (1.0 + eps), floor * (1.0 - eps), rises};
  }
};

// The screen over [l, r]: the first bar whose high is above `ceiling` or whose low is below
// `floor` (the bands' inner edges). Intrabar false: closes only (hi and lo are the same series,
// read once).
template <bool Intrabar>
struct barrier_screen {
  const double* hi;
  const double* lo;
  double ceiling, floor;
  std::size_t n;  // bars in the series: a vector step may read past a path, never past the series

  bool block(const range_extrema::extent& e) const { return e.mx > ceiling || e.mn < floor; }

  static std::uint64_t low_bits(std::size_t len) { return len >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << len) - 1; }

#if defined(EMBARGO_SIMD_AVX512)
  static constexpr std::size_t step = 8;
#elif defined(EMBARGO_SIMD_AVX2)
  static constexpr std::size_t step = 4;
#elif defined(EMBARGO_SIMD_SSE2)
  static constexpr std::size_t step = 2;
#else
  static constexpr std::size_t step = 1;
#endif

  /// Whether mask_whole may screen bars l .. l+len-1: its whole vector steps, which may read bars
  /// past the path, stay inside the series.
  bool whole_steps(std::size_t l, std::size_t len) const { return l + (len + step - 1) / step * step <= n; }

  /// Bars l, l+1, ... l+len-1 (len <= 64) as a bit mask: bit j set when bar l+j may touch.
  EMBARGO_ALWAYS_INLINE std::uint64_t mask(std::size_t l, std::size_t len) const {
    if (whole_steps(l, len)) [[likely]]
      return mask_whole(l, len);
    return mask_at_end(l, len);
  }

  /// mask(l, len) when whole_steps(l, len). Counted steps rather than a bound on the index: the
  /// loop runs a fixed number of times for every event of a batch, and no step waits on whether
  /// an earlier one hit (a loop that stops at the first hit leaves at an unpredictable step, and
  /// the mispredicted exit costs more than testing the rest of a short path). Whole vectors that
  /// may read bars past the path, their bits masked off after: a masked or scalar last step had
  /// cost the bench 1.2x.
  EMBARGO_ALWAYS_INLINE std::uint64_t mask_whole(std::size_t l, std::size_t len) const {
    const double* h = hi + l;
    const double* w = Intrabar ? lo + l : h;
    std::uint64_t bits = 0;
    const std::size_t steps = (len + step - 1) / step;
#if defined(EMBARGO_SIMD_AVX512)
    const __m512d c = _mm512_set1_pd(ceiling), f = _mm512_set1_pd(floor);
    for (std::size_t s = 0, j = 0; s < steps; ++s, j += 8) {
      const __m512d hv = _mm512_loadu_pd(h + j), wv = Intrabar ? _mm512_loadu_pd(w + j) : hv;
      bits |= std::uint64_t{static_cast<unsigned>(_mm512_cmp_pd_mask(hv, c, _CMP_GT_OQ) | _mm512_cmp_pd_mask(wv, f, _CMP_LT_OQ))} << j;
    }
#elif defined(EMBARGO_SIMD_AVX2)
    const __m256d c = _mm256_set1_pd(ceiling), f = _mm256_set1_pd(floor);
    for (std::size_t s = 0, j = 0; s < steps; ++s, j += 4) {
      const __m256d hv = _mm256_loadu_pd(h + j), wv = Intrabar ? _mm256_loadu_pd(w + j) : hv;
      const __m256d hit = _mm256_or_pd(_mm256_cmp_pd(hv, c, _CMP_GT_OQ), _mm256_cmp_pd(wv, f, _CMP_LT_OQ));
      bits |= static_cast<std::uint64_t>(_mm256_movemask_pd(hit)) << j;
    }
#elif defined(EMBARGO_SIMD_SSE2)
    const __m128d c = _mm_set1_pd(ceiling), f = _mm_set1_pd(floor);
    for (std::size_t s = 0, j = 0; s < steps; ++s, j += 2) {
      const __m128d hv = _mm_loadu_pd(h + j), wv = Intrabar ? _mm_loadu_pd(w + j) : hv;
      const __m128d hit = _mm_or_pd(_mm_cmpgt_pd(hv, c), _mm_cmplt_pd(wv, f));
      bits |= static_cast<std::uint64_t>(_mm_movemask_pd(hit)) << j;
    }
#else
    for (std::size_t j = 0; j < steps; ++j) bits |= static_cast<std::uint64_t>((h[j] > ceiling) | (w[j] < floor)) << j;
#endif
    return bits & low_bits(len);
  }

  /// mask(l, len) at the series' end: no bar past the series is read.
  [[gnu::noinline]] std::uint64_t mask_at_end(std::size_t l, std::size_t len) const {
    const double* h = hi + l;
    const double* w = Intrabar ? lo + l : h;
    std::uint64_t bits = 0;
    std::size_t j = 0;
#if defined(EMBARGO_SIMD_AVX512)
    // Masked loads: the lanes past the path are not read.
    const __m512d c = _mm512_set1_pd(ceiling), f = _mm512_set1_pd(floor);
    for (; j < len; j += 8) {
      const auto in = static_cast<__mmask8>(len - j >= 8 ? 0xff : (1u << (len - j)) - 1);
      const __m512d hv = _mm512_maskz_loadu_pd(in, h + j), wv = Intrabar ? _mm512_maskz_loadu_pd(in, w + j) : hv;
      const auto hit = static_cast<unsigned>(_mm512_mask_cmp_pd_mask(in, hv, c, _CMP_GT_OQ) | _mm512_mask_cmp_pd_mask(in, wv, f, _CMP_LT_OQ));
      bits |= std::uint64_t{hit} << j;
    }
#endif
    for (; j < len; ++j) bits |= static_cast<std::uint64_t>((h[j] > ceiling) | (w[j] < floor)) << j;
    return bits;
  }

  /// First bar in [l, r] that may touch, or tb_npos.
  std::size_t first(std::size_t l, std::size_t r) const {
    if (l > r) return tb_npos;
    for (std::size_t base = l;; base += 64) {
      const std::size_t len = std::min<std::size_t>(r + 1 - base, 64);
      const auto z = static_cast<std::size_t>(std::countr_zero(mask(base, len)));  // 64: no bar
      // The last (usually only) chunk returns by a select: whether a path hits is a coin toss.
      if (z < 64 || base + len > r) return z < 64 ? base + z : tb_npos;
    }
  }
};

/// First bar in [l, r] that may touch, short paths by one mask (their common case: no branch
/// on where the path leaves).
template <bool Intrabar>
EMBARGO_ALWAYS_INLINE inline std::size_t screen_path(const range_extrema& ix, std::size_t l, std::size_t r,
                                                     const barrier_screen<Intrabar>& screen) {
  if (l <= r && r - l < 64) {
    const auto z = static_cast<std::size_t>(std::countr_zero(screen.mask(l, r - l + 1)));
    return z < 64 ? l + z : tb_npos;
  }
  return ix.find(l, r, screen);
}

// A screened bar inside a band: the exact test decides, and the search goes on past a bar that
// touches neither barrier. Rare, so kept out of line. (A barrier the bands put out of reach fails
// its exact test too: prices are > 0.)
template <bool Intrabar>
[[gnu::noinline]] first_touch resolve_in_band(const range_extrema& ix, std::span<const double> hi, std::span<const double> lo,
                                              std::size_t i, std::size_t r, const barrier_test& b, const barrier_bands& x) {
  const barrier_screen<Intrabar> screen{hi.data(), lo.data(), x.ceiling_near, x.floor_near, hi.size()};
  for (; i != tb_npos; i = i == r ? tb_npos : screen_path(ix, i + 1, r, screen)) {
    const bool up = b.up_hit(x.rises ? hi[i] : lo[i]), dn = b.dn_hit(x.rises ? lo[i] : hi[i]);
    if (up || dn) return {i, up, dn};
  }
  return {};
}

/// The bar a path [l, r] is left at if the screen's bars touch: the first bar that may touch, else
/// r (the vertical barrier; also r for an empty path, l > r). On a short path the vertical
/// barrier's bit is set in the screen's mask, so the exit bar comes out of one count of trailing
/// zeros, without a branch or a select on whether anything was found: whether a path is left at a
/// barrier is a coin toss, and GCC turned every form of that test into a mispredicted branch.
template <bool Intrabar>
EMBARGO_ALWAYS_INLINE inline std::size_t screen_exit(const range_extrema& ix, std::size_t l, std::size_t r,
                                                     const barrier_screen<Intrabar>& screen) {
  if (l <= r && r - l < 64) {
    const std::size_t len = r - l + 1;
    return l + static_cast<std::size_t>(std::countr_zero(screen.mask(l, len) | std::uint64_t{1} << (len - 1)));
  }
  return std::min(ix.find(l, r, screen), r);  // tb_npos: none
}

/// The first touch on the path [l, r] given `at`, its exit bar from screen_exit: `at` touches if
/// it is beyond a band's outer edge (which barriers: read off the same comparisons), and only a
/// bar inside a band goes to the exact test. first_touch::at is always a bar of the path (r when
/// nothing touches). test() gives the barrier_test, built only for a bar inside a band.
template <bool Intrabar, class Test>
EMBARGO_ALWAYS_INLINE inline first_touch resolve_exit(const range_extrema& ix, std::span<const double> hi, std::span<const double> lo,
                                                      std::size_t l, std::size_t at, std::size_t r, const barrier_bands& x,
                                                      const Test& test) {
  const bool on_path = l <= r;  // an empty path (t0 the last bar) touches nothing
  const double h = hi[at], w = Intrabar ? lo[at] : h;
  const bool above = on_path & (h > x.ceiling_past), below = on_path & (w < x.floor_past);
  const bool near_above = on_path & (h > x.ceiling_near), near_below = on_path & (w < x.floor_near);
  if ((near_above != above) | (near_below != below)) [[unlikely]] {
    const first_touch f = resolve_in_band<Intrabar>(ix, hi, lo, at, r, test(), x);
    return {f.at == tb_npos ? r : f.at, f.up, f.dn};
  }
  return {at, x.rises ? above : below, x.rises ? below : above};
}

}  // namespace embargo::detail

#endif
