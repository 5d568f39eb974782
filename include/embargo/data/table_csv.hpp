// embargo: the one strict reader of tables in CSV (every CLI input but bars: return series,
// matrices, events), on for_each_csv_row with the bars reader's rules. Decided here once:
// - the text must be UTF-8 (a BOM is skipped; anything else ill-formed is data_error file:line);
// - CRLF or LF line ends, RFC 4180 quoting, empty lines skipped, line numbers as an editor shows;
// - a header row is required, or detected (the first row is a header when one of its non-empty
//   cells is not a number); names are trimmed and matched case-insensitively;
// - every row has the header's (or the first row's) number of fields;
// - numbers: parse_double's syntax (decimal, exponent, leading + or -, inf); an empty cell or a
//   case-insensitive "nan" is a missing value (NaN); anything else is "'x' is not a number";
// - bar positions: parse_index's syntax (a non-negative integer, "12.0" allowed).
// Every error is data_error("file:line: ...") (io_error for a file that cannot be read or is a
// directory); which columns to read and what they mean stays with the caller.
#ifndef EMBARGO_DATA_TABLE_CSV_HPP
#define EMBARGO_DATA_TABLE_CSV_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/data/csv.hpp>

namespace embargo {

/// Whether the first row of a table names its columns.
enum class table_header {
  required,  ///< the first row is the header
  detect,    ///< the first row is the header when one of its non-empty cells is not a number
};

struct table_csv_options {
  table_header header = table_header::required;
  bool require_rows = true;            ///< no data row after the header is an error
  std::string_view expected = "";      ///< what the file should hold, for the empty-file message
  std::string_view rows_name = "data rows";  ///< "no <rows_name> after the header row"
};

/// The header of a table as the caller sees it when choosing columns; no names when the file has
/// no header row (table_header::detect). Errors name the header's line.
class table_columns {
 public:
  table_columns(const std::string& file, std::size_t line, std::size_t width, std::span<const std::string_view> names)
      : file_(&file), line_(line), width_(width) {
    for (auto n : names) names_.push_back(detail::ascii_lower(detail::trim(n)));
  }
  bool has_header() const noexcept { return !names_.empty(); }
  std::size_t width() const noexcept { return width_; }
  std::size_t line() const noexcept { return line_; }
  const std::vector<std::string>& names() const noexcept { return names_; }
  /// Column of the first of `names` present (case-insensitive), or nullopt.
  std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const {
    for (auto n : names)
      if (auto c = find(n)) return c;
    return std::nullopt;
  }
  std::optional<std::size_t> find(std::string_view name) const {
    const std::string want = detail::ascii_lower(name);
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == want) return i;
    return std::nullopt;
  }
  /// The column named `name`, else data_error "missing <what> 'name' in the header".
  std::size_t require(std::string_view name, std::string_view what = "column") const {
    if (auto c = find(name)) return *c;
    fail("missing " + std::string(what) + " '" + std::string(name) + "' in the header");
  }
  [[noreturn]] void fail(const std::string& message) const { throw data_error(*file_, line_, message); }

 private:
  const std::string* file_;
  std::size_t line_;
  std::size_t width_;
  std::vector<std::string> names_;
};

/// One data row: its cells read by the table's rules, errors naming file and line.
class table_row {
 public:
  table_row(const std::string& file, std::size_t line, std::span<const std::string_view> fields) noexcept
      : file_(&file), line_(line), fields_(fields) {}
  std::size_t line() const noexcept { return line_; }
  std::size_t size() const noexcept { return fields_.size(); }
  /// The cell without surrounding spaces and tabs.
  std::string_view text(std::size_t c) const noexcept { return detail::trim(fields_[c]); }
  /// The cell as a number; NaN for a missing value (empty, "nan"). `what` prefixes the message.
  double number(std::size_t c, std::string_view what = "") const {
    const auto cell = text(c);
    if (cell.empty()) return std::numeric_limits<double>::quiet_NaN();
    if (const auto v = parse_double(cell, /*allow_nan=*/true)) return *v;
    fail(prefix(what) + "'" + std::string(cell) + "' is not a number");
  }
  /// The cell as a bar position (a non-negative integer).
  std::size_t index(std::size_t c, std::string_view what) const {
    if (const auto v = parse_index(fields_[c])) return *v;
    fail(prefix(what) + "'" + std::string(fields_[c]) + "' is not a non-negative integer bar position");
  }
  [[noreturn]] void fail(const std::string& message) const { throw data_error(*file_, line_, message); }

 private:
  static std::string prefix(std::string_view what) { return what.empty() ? std::string() : std::string(what) + " "; }
  const std::string* file_;
  std::size_t line_;
  std::span<const std::string_view> fields_;
};

namespace detail {
// data_error at the line of the first byte that breaks UTF-8, if any.
inline void require_utf8(std::string_view text, const std::string& name) {
  const std::size_t bad = invalid_utf8_offset(text);
  if (bad == std::string_view::npos) return;
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
  static constexpr char hex[] = "0123456789abcdef";
  const auto b = static_cast<unsigned char>(text[bad]);
  throw data_error(name, line, std::string("invalid UTF-8 (byte 0x") + hex[b >> 4] + hex[b & 15] + "); expected UTF-8 text");
}

inline bool all_numbers(std::span<const std::string_view> fields) {
  for (auto f : fields)
    if (!trim(f).empty() && !parse_double(f, /*allow_nan=*/true)) return false;
  return true;
}
}  // namespace detail

/// Reads the table in `text` (`name`: the file, for messages): on_header(const table_columns&)
/// once, before any row (also when there is no header row), then on_row(const table_row&) for
/// each data row in file order. Throws data_error("name:line: ...") on the first violation.
template <class OnHeader, class OnRow>
void for_each_table_row(std::string_view text, const std::string& name, const table_csv_options& opt,
                        OnHeader&& on_header, OnRow&& on_row) {
  detail::require_utf8(text, name);
  bool first = true;
  std::size_t width = 0, header_line = 1, rows = 0;
  for_each_csv_row(text, name, [&](std::span<const std::string_view> f, std::size_t line) {
    if (first) {
      first = false;
      width = f.size();
      header_line = line;
      const bool header = opt.header == table_header::required || !detail::all_numbers(f);
      on_header(table_columns(name, line, width, header ? f : std::span<const std::string_view>{}));
      if (header) return;
    }
    if (f.size() != width)
      throw data_error(name, line, "expected " + std::to_string(width) + " fields, found " + std::to_string(f.size()));
    ++rows;
    on_row(table_row(name, line, f));
  });
  if (first)
    throw data_error(name, 1, "empty file" + (opt.expected.empty() ? std::string() : " (expected " + std::string(opt.expected) + ")"));
  if (opt.require_rows && rows == 0)
    throw data_error(name, header_line + 1, "no " + std::string(opt.rows_name) + " after the header row");
}

/// for_each_table_row over a file (read_text_file: io_error if it cannot be read).
template <class OnHeader, class OnRow>
void for_each_table_row_in_file(const std::string& path, const table_csv_options& opt, OnHeader&& on_header, OnRow&& on_row) {
  const std::string text = read_text_file(path);
  for_each_table_row(text, path, opt, on_header, on_row);
}

}  // namespace embargo

#endif
