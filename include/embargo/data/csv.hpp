// embargo: a small RFC 4180 CSV tokenizer and writer.
// Streaming: rows are handed to a callback as string_views into the file's text, so reading a
// million bars does not allocate a million strings. Quoted fields ("a,b", "say ""hi""") are
// supported; a UTF-8 byte-order mark and CRLF line ends are accepted.
#ifndef EMBARGO_DATA_CSV_HPP
#define EMBARGO_DATA_CSV_HPP

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo {

/// Reads a whole file; throws io_error naming the path when it cannot.
/// A directory is named as such (an ifstream would "read" it as an empty file).
inline std::string read_text_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw io_error(path + ": is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error(path + ": cannot open for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw io_error(path + ": read failed");
  return std::move(ss).str();
}

namespace detail {
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}
inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Offset of the first byte of `s` that does not begin a well-formed UTF-8 sequence (Unicode
// table 3-7: no overlong form, no surrogate, nothing above U+10FFFF), or npos.
inline std::size_t invalid_utf8_offset(std::string_view s) noexcept {
  static constexpr std::uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};  // smallest code point per length
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (lead < 0xC2 || lead > 0xF4 || len > s.size() - i) return i;
    std::uint32_t cp = lead & (0x7Fu >> len);
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned cont = static_cast<unsigned char>(s[i + k]);
      if ((cont & 0xC0u) != 0x80u) return i;
      cp = (cp << 6) | (cont & 0x3Fu);
    }
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}
}  // namespace detail

/// Calls `on_row(std::span<const std::string_view> fields, std::size_t line)` for every
/// non-empty line of `text` (line numbers are 1-based and count physical lines, so they match
/// what an editor shows). Fields of quoted cells are unescaped into `scratch` storage that lives
/// until the callback returns. Throws data_error("name:line: ...") on an unterminated quote.
template <class OnRow>
void for_each_csv_row(std::string_view text, const std::string& name, OnRow&& on_row) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> fields;
  std::deque<std::string> unescaped;  // deque: push_back never moves earlier strings
  std::size_t pos = 0, line = 1;
  while (pos < text.size()) {
    fields.clear();
    unescaped.clear();
    const std::size_t row_line = line;
    bool row_has_content = false;
    for (;;) {  // one field per iteration
      if (pos < text.size() && text[pos] == '"') {
        row_has_content = true;
        std::size_t start = ++pos;
        std::string buf;
        bool escaped = false;
        for (;;) {
          if (pos >= text.size()) throw data_error(name, row_line, "unterminated quoted field");
          if (text[pos] == '"') {
            if (pos + 1 < text.size() && text[pos + 1] == '"') {
              buf.append(text.substr(start, pos + 1 - start));
              pos += 2, start = pos, escaped = true;
              continue;
            }
            break;
          }
          if (text[pos] == '\n') ++line;
          ++pos;
        }
        if (escaped) {
          buf.append(text.substr(start, pos - start));
          unescaped.push_back(std::move(buf));
          fields.push_back(unescaped.back());
        } else {
          fields.push_back(text.substr(start, pos - start));
        }
        ++pos;  // closing quote
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\n') {
          if (text[pos] != '\r' && text[pos] != ' ')
            throw data_error(name, row_line, "unexpected character after a closing quote");
          ++pos;
        }
      } else {
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\n') ++pos;
        std::string_view f = text.substr(start, pos - start);
        if (!f.empty() && f.back() == '\r') f.remove_suffix(1);
        if (!f.empty()) row_has_content = true;
        fields.push_back(f);
      }
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        row_has_content = true;
        continue;
      }
      break;
    }
    if (pos < text.size() && text[pos] == '\n') ++pos, ++line;
    if (row_has_content) on_row(std::span<const std::string_view>(fields), row_line);
  }
}

/// Parses a whole field as a double. Accepts "nan"/"NaN" only if allow_nan; rejects trailing
/// garbage ("1.5x"), empty fields and hex.
inline std::optional<double> parse_double(std::string_view s, bool allow_nan = false) noexcept {
  s = detail::trim(s);
  if (s.empty()) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
  if (r.ec != std::errc{} || r.ptr != s.data() + s.size()) return std::nullopt;
  if (std::isnan(v) && !allow_nan) return std::nullopt;
  return v;
}

/// Parses a whole field as a non-negative integer (bar positions). "12.0" is accepted, "12.5",
/// "-1" and "1e3x" are not.
inline std::optional<std::size_t> parse_index(std::string_view s) noexcept {
  s = detail::trim(s);
  std::size_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec == std::errc{} && r.ptr == s.data() + s.size() && !s.empty()) return v;
  auto d = parse_double(s);
  if (d && *d >= 0 && *d == std::floor(*d) && *d < 9.007199254740992e15) return static_cast<std::size_t>(*d);
  return std::nullopt;
}

/// A header row with case-insensitive lookup.
class csv_header {
 public:
  csv_header() = default;
  explicit csv_header(std::span<const std::string_view> fields) {
    for (auto f : fields) names_.push_back(detail::ascii_lower(detail::trim(f)));
  }
  /// Column index of the first of `names` present, or nullopt.
  std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const {
    for (auto n : names) {
      auto it = std::find(names_.begin(), names_.end(), detail::ascii_lower(n));
      if (it != names_.end()) return static_cast<std::size_t>(it - names_.begin());
    }
    return std::nullopt;
  }
  std::size_t size() const noexcept { return names_.size(); }
  const std::vector<std::string>& names() const noexcept { return names_; }

 private:
  std::vector<std::string> names_;
};

/// Formats a double so that it reads back exactly (shortest round trip); NaN as an empty field.
inline void append_double(std::string& out, double v) {
  if (std::isnan(v)) return;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

/// Quotes a field when it contains a comma, a quote or a line break.
inline void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char ch : s) {
    if (ch == '"') out.push_back('"');
    out.push_back(ch);
  }
  out.push_back('"');
}

}  // namespace embargo

#endif
