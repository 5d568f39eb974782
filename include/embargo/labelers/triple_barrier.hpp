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

#include <embargo/core/always_inline.hpp>
#include <embargo/core/assume.hpp>
#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/huge_pages.hpp>
#include <embargo/core/price_checks.hpp>
#include <embargo/labelers/impl/first_passage.hpp>

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

// label_rule::mlfinlab: ret and label as mlfinlab 0.12 derives them, from the log return.
[[gnu::noinline]] inline void mlfinlab_label(barrier_label& e, double p0, double p1, const triple_barrier_options& opt, bool has_side) {
  const double logret = e.side * (std::log(p1) - std::log(p0));
  e.ret = std::exp(logret) - 1.0;
  const double lg = std::log(1.0 + e.target);
  e.label = (logret > 0.0 && logret > opt.pt * lg) ? 1 : (logret < 0.0 && logret < -opt.sl * lg) ? -1 : 0;
  if (has_side && logret <= 0.0) e.label = 0;
}

// What the labelling loop reads, passed by value: the labels' one-byte fields may alias anything
// reached through a reference or a captured variable, so those would be reloaded after every
// label written.
struct barrier_inputs {
  const double* close;
  const double* hi;  // the upper barrier's prices for a long (close without intrabar paths)
  const double* lo;
  std::size_t n;
  const std::size_t* events;
  std::size_t m;
  const double* target;
  const double* side;           // nullptr: every event long
  const std::size_t* vertical;  // nullptr: vertical_bars for every event
  double pt, sl, min_ret;
  std::size_t vertical_bars;
};

// Labels event k whatever its path: the general search. Events with target <= min_ret are
// dropped (NaN too, as mlfinlab's dropna).
template <class Search, bool Intrabar, bool Plain>
EMBARGO_ALWAYS_INLINE inline void label_event(std::vector<barrier_label>& out, const barrier_inputs& in, const range_extrema& ix,
                                              std::size_t k) {
  const std::size_t n = in.n, h = in.vertical_bars, t0 = in.events[k];
  const double g = in.target[t0];
  if (!(g > in.min_ret)) [[unlikely]]
    return;
  // The path t0+1 .. v; may_censor: the series ends before the vertical barrier (no_vertical_barrier
  // is past every bar).
  const bool own_vertical = !Plain && in.vertical != nullptr;
  const bool may_censor = own_vertical ? in.vertical[k] > n - 1 : h > n - 1 - t0;
  const std::size_t v = may_censor ? n - 1 : own_vertical ? in.vertical[k] : t0 + h;
  const int s = Plain || in.side == nullptr ? 1 : static_cast<int>(in.side[k]);
  const barrier_test b{in.close[t0], in.pt * g, -in.sl * g, s, in.pt > 0.0, in.sl > 0.0};
  const std::span<const double> hi(in.hi, n), lo(in.lo, n);
  first_touch f;  // at: the exit bar, v when nothing touches
  if constexpr (std::is_same_v<Search, fast_first_passage>) {
    const barrier_bands x = barrier_bands::of(b);
    const barrier_screen<Intrabar> screen{in.hi, in.lo, x.ceiling_near, x.floor_near, n};
    f = resolve_exit<Intrabar>(ix, hi, lo, t0 + 1, screen_exit(ix, t0 + 1, v, screen), v, x, [&] { return b; });
  } else {
    f = s > 0 ? scan_touches(hi, lo, t0 + 1, v, b) : scan_touches(lo, hi, t0 + 1, v, b);
    if (f.at == tb_npos) f.at = v;
  }
  // (& rather than &&: GCC turned the short circuit into a branch on a coin toss.)
  const int barrier = int{f.up} - int{f.dn} - (int{f.up} & int{f.dn});
  barrier_label& e = out.emplace_back();
  e.t0 = t0;
  e.t1 = f.at;
  e.ret = Intrabar && barrier != 0 ? (barrier > 0 ? b.up : b.dn) : s * (in.close[f.at] / b.p0 - 1.0);
  e.target = g;
  e.side = static_cast<std::int8_t>(s);
  e.barrier = static_cast<std::int8_t>(barrier);
  e.label = static_cast<std::int8_t>(barrier);
  e.censored = !(f.up | f.dn) & may_censor;
  e.both_touched = f.up & f.dn;
}

// Labels events k, k+1, ... while their paths are short (at most 64 bars, screened by one mask
// whose whole vector steps stay inside the series) and their exit bar is outside the bands; returns
// the first event it leaves to label_event (or m). The same labels as label_event, written out for
// speed: a change to one belongs in the other (the property tests hold the labels of the two
// together against the scan's on random paths, in every configuration). The loop holds no call,
// not even the vector's growth (out has room for every event): a call clobbers the vector
// registers, and with label_event's search inlined the loop took 1.25x the time. A path the
// series' end cuts short is left to label_event too, so that every path here has its full length,
// the same for every event of a batch (computed per event, 1.2x).
template <bool Intrabar, bool Plain>
[[gnu::noinline]] std::size_t label_short_paths(std::vector<barrier_label>& out, const barrier_inputs in, std::size_t k) {
  constexpr double inf = std::numeric_limits<double>::infinity(), eps = barrier_bands::eps;
  const std::size_t n = in.n, h = in.vertical_bars;
  // A disabled barrier is infinitely far: added to every event's barrier rather than selected.
  const double up_off = in.pt > 0.0 ? 0.0 : inf, dn_off = in.sl > 0.0 ? 0.0 : inf;
  // Closes only: hi and lo are the closes, one pointer fewer held in a register.
  const double* const hi = Intrabar ? in.hi : in.close;
  const double* const lo = Intrabar ? in.lo : in.close;
  for (; k < in.m; ++k) {
    const std::size_t t0 = in.events[k];
    const double g = in.target[t0];
    if (!(g > in.min_ret)) [[unlikely]]
      continue;
    // The path t0+1 .. v, of len bars: the same for every event without vertical barriers of their own.
    const bool own_vertical = !Plain && in.vertical != nullptr;
    const std::size_t v = own_vertical ? in.vertical[k] : t0 + h, len = own_vertical ? v - t0 : h;
    const int s = Plain || in.side == nullptr ? 1 : static_cast<int>(in.side[k]);
    const double p0 = in.close[t0];
    const double up = in.pt * g + up_off, dn = -in.sl * g - dn_off;
    // The price levels; for a short the stop is the ceiling (as barrier_bands::of).
    const double u = p0 * (1.0 + s * up), d = p0 * (1.0 + s * dn);
    const double ceiling = s > 0 ? u : d, floor = s > 0 ? d : u;
    const barrier_screen<Intrabar> screen{hi, lo, ceiling * (1.0 - eps), floor * (1.0 + eps), n};
    const std::size_t l = t0 + 1;
    // Left to label_event: an empty path, a path over 64 bars, and one the series ends in or
    // whose whole vector steps would read past its end (none is censored here).
    if (!(v < n && len - 1 < 64 && screen.whole_steps(l, len))) [[unlikely]]
      return k;
    // The vertical barrier's bit set: the exit bar is one count of trailing zeros, with no branch
    // on whether the path touches (a coin toss).
    const std::size_t at = l + static_cast<std::size_t>(std::countr_zero(screen.mask_whole(l, len) | std::uint64_t{1} << (len - 1)));
    const double ph = hi[at], pl = Intrabar ? lo[at] : ph;
    const bool above = ph > ceiling * (1.0 + eps), below = pl < floor * (1.0 - eps);
    if (((ph > screen.ceiling) != above) | ((pl < screen.floor) != below)) [[unlikely]]
      return k;  // inside a band: the exact test decides
    const bool hit_up = s > 0 ? above : below, hit_dn = s > 0 ? below : above;
    const int barrier = int{hit_up} - int{hit_dn} - (int{hit_up} & int{hit_dn});
    const double ret = Intrabar && barrier != 0 ? (barrier > 0 ? in.pt * g : -in.sl * g) : s * (in.close[at] / p0 - 1.0);
    EMBARGO_ASSUME(out.size() < out.capacity());
    barrier_label& e = out.emplace_back();
    e.t0 = t0;
    e.t1 = at;
    e.ret = ret;
    e.target = g;
    e.side = static_cast<std::int8_t>(s);
    e.barrier = static_cast<std::int8_t>(barrier);
    e.label = static_cast<std::int8_t>(barrier);
    e.censored = false;
    e.both_touched = hit_up & hit_dn;
  }
  return k;
}

// One label per event with target > min_ret, its label the barrier touched (label_rule::touch;
// apply_label_rule derives the others), in the order of the events. One event at a time: its
// screen, its exit and its label form one short chain, and consecutive events' chains overlap in
// the processor (this took 0.73x the time of groups of 8 events screened ahead of their exits).
// Kept out of line: inlined four times into its caller, GCC stopped inlining emplace_back.
template <class Search, bool Intrabar, bool Plain>
[[gnu::noinline]] void label_touches(std::vector<barrier_label>& out, const barrier_inputs in, const range_extrema& ix) {
  if (out.capacity() - out.size() < in.m) out.reserve(out.size() + in.m);  // label_short_paths relies on it
  // Unless every path is long, label_short_paths labels runs of events and this loop the rest.
  const bool short_paths = std::is_same_v<Search, fast_first_passage> && !(in.vertical == nullptr && in.vertical_bars > 64);
  for (std::size_t k = 0; k < in.m; ++k) {
    if (short_paths && (k = label_short_paths<Intrabar, Plain>(out, in, k)) == in.m) break;
    label_event<Search, Intrabar, Plain>(out, in, ix, k);
  }
}

// The label of every rule but touch, from the barrier touched and ret (mlfinlab: from the prices).
inline void apply_label_rule(std::span<barrier_label> labels, std::span<const double> close, const triple_barrier_options& opt,
                             bool has_side) {
  for (barrier_label& e : labels) {
    const int sgn = (e.ret > 0.0) - (e.ret < 0.0);
    switch (opt.rule) {
      case label_rule::touch: break;
      case label_rule::sign: e.label = static_cast<std::int8_t>(sgn); break;
      case label_rule::touch_else_sign: e.label = static_cast<std::int8_t>(e.barrier != 0 ? e.barrier : sgn); break;
      case label_rule::meta: e.label = e.ret > 0.0 ? 1 : 0; break;
      case label_rule::mlfinlab: mlfinlab_label(e, close[e.t0], close[e.t1], opt, has_side); break;
    }
  }
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
  // The longest path, which sizes the search tables (none for the scan).
  std::size_t max_len = 0;
  if constexpr (std::is_same_v<Search, fast_first_passage>) {
    if (vertical.empty()) max_len = std::min(opt.vertical_bars, n);
    for (std::size_t k = 0; k < vertical.size(); ++k)
      max_len = std::max(max_len, std::min(vertical[k] == no_vertical_barrier ? n : vertical[k] - events[k], n));
  }
  const detail::range_extrema ix(hi, lo, max_len);

  detail::reserve_large(out, events.size());
  const bool parity = opt.rule == label_rule::mlfinlab;
  const detail::barrier_inputs in{px.close.data(), hi.data(), lo.data(), n, events.data(), events.size(), target.data(),
                                  side.empty() ? nullptr : side.data(), vertical.empty() ? nullptr : vertical.data(),
                                  opt.pt, parity && side.empty() ? opt.pt : opt.sl, opt.min_ret, opt.vertical_bars};
  // Plain: no side and no per-event vertical barrier, the common case, compiled on its own
  // (reading and testing them per event cost 1.15x).
  const bool plain = side.empty() && vertical.empty();
  if (intrabar)
    plain ? detail::label_touches<Search, true, true>(out, in, ix) : detail::label_touches<Search, true, false>(out, in, ix);
  else
    plain ? detail::label_touches<Search, false, true>(out, in, ix) : detail::label_touches<Search, false, false>(out, in, ix);
  if (opt.rule != label_rule::touch) detail::apply_label_rule(out, px.close, opt, !side.empty());
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

/// triple_barrier as a labeler (core/concepts.hpp): the per-bar target, the options and the
/// optional sides (one per event) are fixed; label(prices, events) labels closes or
/// barrier_prices (intrabar paths).
struct triple_barrier_labeler {
  std::span<const double> target;
  triple_barrier_options options{};
  std::span<const double> side{};

  std::vector<barrier_label> label(const barrier_prices& px, std::span<const std::size_t> events) const {
    return triple_barrier(px, events, target, options, side);
  }
  std::vector<barrier_label> label(std::span<const double> close, std::span<const std::size_t> events) const {
    return label(barrier_prices{close}, events);
  }
};
static_assert(labeler<triple_barrier_labeler>);
static_assert(labeler<triple_barrier_labeler, barrier_prices>);

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
