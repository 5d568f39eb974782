// embargo: the split diagram (rows = folds, one cell per observation), as skfolio and sklearn draw it,
// drawn with the SVG plotting module (report/).
// Cells are train, test, purged (label overlaps a test label, or a gap before a test window),
// embargoed (dropped after a test block without overlapping it) or unused.
#ifndef EMBARGO_SPLITTERS_SPLIT_SVG_HPP
#define EMBARGO_SPLITTERS_SPLIT_SVG_HPP

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/fold.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/report/svg_spans.hpp>

namespace embargo {

enum class split_cell : unsigned char { unused = 0, train, test, purged, embargoed };

/// Classifies every observation of every fold (rows = folds, columns = events). An observation
/// neither trained nor tested is `purged` when its label [t0, t1] intersects a test block's
/// [t0 of its first, max t1], or when it sits right before a test window (a count-based gap);
/// `embargoed` when it lies between a test block and later training data; else `unused`.
inline std::vector<std::vector<split_cell>> classify_split_cells(std::span<const fold> folds,
                                                                 std::span<const interval> events) {
  const std::size_t n = events.size();
  std::vector<std::vector<split_cell>> rows;
  rows.reserve(folds.size());
  for (std::size_t k = 0; k < folds.size(); ++k) {
    std::vector<split_cell> row(n, split_cell::unused);
    for (const auto* v : {&folds[k].train, &folds[k].test})
      for (auto i : *v)
        detail::require(i < n, "split_svg: fold " + std::to_string(k) + " uses observation " + std::to_string(i) +
                                   " of " + std::to_string(n));
    for (auto i : folds[k].train) row[i] = split_cell::train;
    struct blk {
      std::size_t t0, t1;
    };
    std::vector<blk> blocks;
    for (const auto& run : folds[k].test.runs()) {  // one block per run of consecutive test indices
      blocks.push_back({events[run.begin].t0, events[run.begin].t1});
      for (std::size_t i = run.begin; i < run.end; ++i) {
        row[i] = split_cell::test;
        blocks.back().t1 = std::max(blocks.back().t1, events[i].t1);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (row[i] != split_cell::unused) continue;
      for (const auto& b : blocks)
        if (events[i].t0 <= b.t1 && events[i].t1 >= b.t0) row[i] = split_cell::purged;
    }
    // Between a test block and later training data: embargo; just before a test window: a gap
    // (count purge); elsewhere (outside a rolling window, after the last test): unused.
    std::vector<split_cell> right(n, split_cell::unused);
    for (std::size_t i = n, r = 0; i-- > 0;) {
      right[i] = static_cast<split_cell>(r);
      if (row[i] == split_cell::train || row[i] == split_cell::test) r = static_cast<std::size_t>(row[i]);
    }
    split_cell left = split_cell::unused;  // nearest train/test cell on the left
    for (std::size_t i = 0; i < n; ++i) {
      if (row[i] == split_cell::train || row[i] == split_cell::test) {
        left = row[i];
      } else if (row[i] == split_cell::unused) {
        if (left == split_cell::test && right[i] == split_cell::train) row[i] = split_cell::embargoed;
        else if (right[i] == split_cell::test) row[i] = split_cell::purged;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

/// The four kinds of a split diagram, as the SVG plotting module draws them: train and test solid
/// (dark and light, apart in grey print too), purged and embargoed hatched.
inline std::vector<svg::span_kind> split_kinds() {
  return {{"train", "#0072B2", false, true}, {"test", "#E69F00", false, true}, {"purged", "#D55E00", true, true},
          {"embargoed", "#000000", true, true}};
}

/// A split diagram from runs of cells (kind: 0 train, 1 test, 2 purged, 3 embargoed) per fold,
/// over `n` observations: what split_svg and the HTML report (archive/tear_sheet_charts.hpp) draw.
inline std::string split_diagram(std::string_view id, const std::vector<std::vector<svg::span_run>>& rows, std::size_t n,
                                 std::string title) {
  std::vector<std::string> names;
  for (std::size_t k = 0; k < rows.size(); ++k) names.push_back("split " + std::to_string(k));
  svg::span_chart_options o;
  o.kinds = split_kinds();
  o.plot.width = 840, o.plot.height = 100 + 22 * static_cast<double>(std::max<std::size_t>(rows.size(), 1));
  o.plot.title = std::move(title);
  o.plot.x_label = std::to_string(n) + " observations (in time order)";
  return svg::span_chart(id, names, rows, 0, static_cast<double>(std::max<std::size_t>(n, 1)), o);
}

/// A standalone SVG of classify_split_cells(folds, events): one row per fold, runs of equal cells
/// drawn as one rectangle (so the file stays small for large n), a legend, axes, and `title`.
inline std::string split_svg(std::span<const fold> folds, std::span<const interval> events, std::string_view title = {}) {
  std::vector<std::vector<svg::span_run>> rows;
  for (const auto& row : classify_split_cells(folds, events)) {
    auto& out = rows.emplace_back();
    for (std::size_t i = 0; i < row.size();) {
      std::size_t j = i;
      while (j < row.size() && row[j] == row[i]) ++j;
      if (row[i] != split_cell::unused)
        out.push_back({static_cast<double>(i), static_cast<double>(j), static_cast<std::size_t>(row[i]) - 1});
      i = j;
    }
  }
  return split_diagram("split-diagram", rows, events.size(), title.empty() ? std::string("Split diagram") : std::string(title));
}

}  // namespace embargo

#endif
