// embargo: reading events (t0, t1 as 0-based bar positions) from CSV.
#ifndef EMBARGO_DATA_EVENTS_CSV_HPP
#define EMBARGO_DATA_EVENTS_CSV_HPP

#include <string>
#include <string_view>
#include <vector>

#include <embargo/core/interval.hpp>
#include <embargo/data/csv.hpp>

namespace embargo {

/// Parses `t0,t1` rows (other columns are ignored). Rejects missing columns, non-integer or
/// negative positions and t1 < t0 with "file:line: ..." messages. When require_sorted, t0 must be
/// non-decreasing.
inline std::vector<interval> parse_events_csv(std::string_view text, const std::string& name,
                                              bool require_sorted = true) {
  std::vector<interval> out;
  csv_header header;
  bool have_header = false;
  std::size_t c0 = 0, c1 = 0;
  for_each_csv_row(text, name, [&](std::span<const std::string_view> f, std::size_t line) {
    if (!have_header) {
      header = csv_header(f);
      have_header = true;
      auto a = header.find({"t0"}), b = header.find({"t1"});
      if (!a) throw data_error(name, line, "missing column 't0' in the header");
      if (!b) throw data_error(name, line, "missing column 't1' in the header");
      c0 = *a, c1 = *b;
      return;
    }
    if (f.size() != header.size())
      throw data_error(name, line, "expected " + std::to_string(header.size()) + " fields, found " +
                                       std::to_string(f.size()));
    auto t0 = parse_index(f[c0]), t1 = parse_index(f[c1]);
    if (!t0) throw data_error(name, line, "t0 '" + std::string(f[c0]) + "' is not a non-negative integer bar position");
    if (!t1) throw data_error(name, line, "t1 '" + std::string(f[c1]) + "' is not a non-negative integer bar position");
    if (*t1 < *t0)
      throw data_error(name, line, "label end t1 = " + std::to_string(*t1) + " is before its start t0 = " +
                                       std::to_string(*t0));
    if (require_sorted && !out.empty() && *t0 < out.back().t0)
      throw data_error(name, line, "t0 = " + std::to_string(*t0) + " is before the previous event's t0 = " +
                                       std::to_string(out.back().t0) + " (events must be sorted by t0)");
    out.push_back({*t0, *t1});
  });
  if (!have_header) throw data_error(name, 1, "empty file (expected a header row t0,t1)");
  if (out.empty()) throw data_error(name, 2, "no events after the header row");
  return out;
}

inline std::vector<interval> read_events_csv(const std::string& path, bool require_sorted = true) {
  return parse_events_csv(read_text_file(path), path, require_sorted);
}

}  // namespace embargo

#endif
