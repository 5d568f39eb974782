// embargo: reading events (t0, t1 as 0-based bar positions) from CSV.
#ifndef EMBARGO_DATA_EVENTS_CSV_HPP
#define EMBARGO_DATA_EVENTS_CSV_HPP

#include <string>
#include <string_view>
#include <vector>

#include <embargo/core/interval.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/data/table_csv.hpp>

namespace embargo {

/// Parses `t0,t1` rows (other columns are ignored) by the table reader's rules (data/table_csv.hpp).
/// Rejects missing columns, non-integer or negative positions and t1 < t0 with "file:line: ..."
/// messages. When require_sorted, t0 must be non-decreasing.
inline std::vector<interval> parse_events_csv(std::string_view text, const std::string& name,
                                              bool require_sorted = true) {
  std::vector<interval> out;
  std::size_t c0 = 0, c1 = 0;
  const table_csv_options opt{.expected = "a header row t0,t1", .rows_name = "events"};
  for_each_table_row(
      text, name, opt,
      [&](const table_columns& cols) {
        c0 = cols.require("t0");
        c1 = cols.require("t1");
      },
      [&](const table_row& row) {
        const std::size_t t0 = row.index(c0, "t0"), t1 = row.index(c1, "t1");
        if (t1 < t0)
          row.fail("label end t1 = " + std::to_string(t1) + " is before its start t0 = " + std::to_string(t0));
        if (require_sorted && !out.empty() && t0 < out.back().t0)
          row.fail("t0 = " + std::to_string(t0) + " is before the previous event's t0 = " + std::to_string(out.back().t0) +
                   " (events must be sorted by t0)");
        out.push_back({t0, t1});
      });
  return out;
}

inline std::vector<interval> read_events_csv(const std::string& path, bool require_sorted = true) {
  return parse_events_csv(read_text_file(path), path, require_sorted);
}

}  // namespace embargo

#endif
