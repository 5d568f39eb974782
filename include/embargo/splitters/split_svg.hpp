// embargo: the split diagram (rows = folds, one cell per observation), as skfolio and sklearn draw it.
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
    for (std::size_t j = 0; j < folds[k].test.size(); ++j) {
      const auto i = folds[k].test[j];
      row[i] = split_cell::test;
      if (j == 0 || folds[k].test[j - 1] + 1 != i) blocks.push_back({events[i].t0, events[i].t1});
      blocks.back().t1 = std::max(blocks.back().t1, events[i].t1);
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

/// A standalone SVG of classify_split_cells(folds, events): one row per fold, runs of equal cells
/// drawn as one rectangle (so the file stays small for large n), a legend, and `title`.
inline std::string split_svg(std::span<const fold> folds, std::span<const interval> events, std::string_view title = {}) {
  const auto rows = classify_split_cells(folds, events);
  constexpr std::array<const char*, 5> colour = {"#eeeeee", "#4c72b0", "#dd8452", "#c44e52", "#8172b3"};
  constexpr std::array<const char*, 5> name = {"unused", "train", "test", "purged", "embargoed"};
  const double left = 70, top = title.empty() ? 10 : 34, width = 760, row_h = 18, gap = 4;
  const double n = static_cast<double>(std::max<std::size_t>(events.size(), 1));
  const double height = top + static_cast<double>(rows.size()) * (row_h + gap) + 40;
  std::string s;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" "
                "font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                left + width + 20, height);
  s += buf;
  if (!title.empty()) {
    std::string t;
    for (char c : title) {
      if (c == '<') t += "&lt;";
      else if (c == '>') t += "&gt;";
      else if (c == '&') t += "&amp;";
      else t += c;
    }
    s += "<text x=\"" + std::to_string(static_cast<int>(left)) + "\" y=\"20\" font-size=\"14\">" + t + "</text>\n";
  }
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const double y = top + static_cast<double>(k) * (row_h + gap);
    std::snprintf(buf, sizeof buf, "<text x=\"4\" y=\"%.1f\">split %zu</text>\n", y + row_h - 5, k);
    s += buf;
    const auto& row = rows[k];
    for (std::size_t i = 0; i < row.size();) {
      std::size_t j = i;
      while (j < row.size() && row[j] == row[i]) ++j;
      std::snprintf(buf, sizeof buf, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.0f\" fill=\"%s\"/>\n",
                    left + width * static_cast<double>(i) / n, y, width * static_cast<double>(j - i) / n, row_h,
                    colour[static_cast<std::size_t>(row[i])]);
      s += buf;
      i = j;
    }
  }
  const double ly = height - 22;
  for (std::size_t c = 1; c < 5; ++c) {
    const double x = left + static_cast<double>(c - 1) * 110;
    std::snprintf(buf, sizeof buf,
                  "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%.0f\" y=\"%.0f\">%s</text>\n",
                  x, ly, colour[c], x + 16, ly + 11, name[c]);
    s += buf;
  }
  std::snprintf(buf, sizeof buf, "<text x=\"%.0f\" y=\"%.0f\">%zu observations</text>\n", left + 450, ly + 11,
                events.size());
  s += buf;
  s += "</svg>\n";
  return s;
}

}  // namespace embargo

#endif
