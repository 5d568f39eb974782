// embargo: the purge-and-embargo kernel shared by the purged splitters (internal).
// One pass per fold over the training segments between test blocks: O(n) per fold, with a
// binary search on t0 so that only labels starting within the longest label length of a test
// block are looked at one by one (no O(n * test) overlap checks, no extra allocation).
#ifndef EMBARGO_SPLITTERS_PURGE_HPP
#define EMBARGO_SPLITTERS_PURGE_HPP

#include <algorithm>
#include <cstddef>
#include <ranges>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/fold.hpp>
#include <embargo/core/interval.hpp>

namespace embargo::detail {

/// A contiguous test block [a, b) whose labels end at the latest at t1_max.
struct test_block {
  std::size_t a = 0, b = 0, t1_max = 0;
};

/// Non-empty, t1 >= t0, sorted t0; the message names the component. (Positions are unsigned,
/// so NaN and negative values are rejected where they are parsed: the events CSV reader.)
inline void check_split_events(std::span<const interval> events, const char* who) {
  try {
    validate_events(events);
  } catch (const data_error& e) {
    throw data_error(std::string(who) + ": " + e.what());
  }
}

/// The longest label, max(t1 - t0): every observation with t0 < T0 - L ends before T0, so only
/// those starting in [T0 - L, T0) need a look (a binary search on the sorted t0; no allocation).
inline std::size_t max_label_length(std::span<const interval> events) {
  std::size_t m = 0;
  for (const auto& e : events) m = std::max(m, e.t1 - e.t0);
  return m;
}

/// The fold whose test set is the union of `blocks` (ascending, disjoint, non-adjacent) and whose
/// training set is every other observation i such that, for every block B = [a, b):
///   i < a: t1[i] < t0[a]                 (closed intervals: a label touching the block is purged)
///   i >= b: i >= Embargo::resume(B)      (t0[i] > T1_B, plus the embargo)
/// Since t0 is sorted, the first rule against the next block implies it against all later ones.
template <class Embargo>
fold purged_fold(std::span<const interval> ev, std::size_t max_len, std::span<const test_block> blocks,
                 std::size_t embargo_amount) {
  const std::size_t n = ev.size();
  fold f;
  for (const auto& bl : blocks) f.test.append(bl.a, bl.b);
  std::size_t lo = 0;  // first position the previous blocks' purge and embargo allow
  for (std::size_t j = 0; j <= blocks.size(); ++j) {
    const std::size_t hi = j < blocks.size() ? blocks[j].a : n;
    if (lo < hi) {
      if (j < blocks.size()) {
        const std::size_t t0 = ev[blocks[j].a].t0;
        const std::size_t from = t0 > max_len ? t0 - max_len : 0;
        const auto p = static_cast<std::size_t>(
            std::lower_bound(ev.begin() + static_cast<std::ptrdiff_t>(lo), ev.begin() + static_cast<std::ptrdiff_t>(hi), from,
                             [](const interval& x, std::size_t v) { return x.t0 < v; }) -
            ev.begin());
        f.train.append(lo, p);
        for (std::size_t i = p; i < hi; ++i)
          if (ev[i].t1 < t0) f.train.push_back(i);
      } else {
        f.train.append(lo, n);
      }
    }
    if (j < blocks.size()) lo = std::max(lo, Embargo::resume(ev, blocks[j].b, blocks[j].t1_max, embargo_amount));
  }
  return f;
}

/// Calls f(std::span<const interval>) on any sized range of intervals (copying only when the
/// range is not contiguous), so each splitter has one non-template kernel.
template <class Events, class F>
decltype(auto) with_event_span(const Events& events, F&& f) {
  if constexpr (std::ranges::contiguous_range<Events>) {
    return f(std::span<const interval>(std::ranges::data(events), std::ranges::size(events)));
  } else {
    const std::vector<interval> copy(std::ranges::begin(events), std::ranges::end(events));
    return f(std::span<const interval>(copy));
  }
}

/// Rejects a fold left without training data rather than yielding it silently (spec §5 [REC]).
inline void require_train(const fold& f, std::size_t index, const char* who) {
  if (f.train.empty())
    throw invalid_argument(std::string(who) + ": split " + std::to_string(index) +
                           " has no training observations left after purging and embargo (test observations " +
                           std::to_string(f.test.front()) + ".." + std::to_string(f.test.back()) +
                           "); use fewer test groups, a smaller embargo or shorter labels");
}

/// Merges ascending groups [bounds[g], bounds[g+1]) for g in `groups` into maximal contiguous blocks.
inline std::vector<test_block> merge_groups(std::span<const std::size_t> bounds, std::span<const std::size_t> groups,
                                            std::span<const std::size_t> group_t1_max) {
  std::vector<test_block> out;
  for (std::size_t g : groups) {
    if (!out.empty() && out.back().b == bounds[g]) {
      out.back().b = bounds[g + 1];
      out.back().t1_max = std::max(out.back().t1_max, group_t1_max[g]);
    } else {
      out.push_back({bounds[g], bounds[g + 1], group_t1_max[g]});
    }
  }
  return out;
}

/// Max t1 of each group [bounds[g], bounds[g+1]).
inline std::vector<std::size_t> group_t1_max(std::span<const interval> ev, std::span<const std::size_t> bounds) {
  std::vector<std::size_t> m(bounds.size() - 1, 0);
  for (std::size_t g = 0; g + 1 < bounds.size(); ++g)
    for (std::size_t i = bounds[g]; i < bounds[g + 1]; ++i) m[g] = std::max(m[g], ev[i].t1);
  return m;
}

}  // namespace embargo::detail

#endif
