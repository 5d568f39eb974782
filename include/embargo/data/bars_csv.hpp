// embargo: reading and writing bars as CSV (the contract of DESIGN.md §6).
// Header row; columns matched case-insensitively: timestamp (or date, time, datetime), open,
// high, low, close, volume, optional symbol (long format: one row per symbol and bar, rows of
// different symbols may interleave). Every rule of bar_problem() and strictly increasing
// timestamps per symbol are enforced; the first violation throws data_error("file:line: ...").
#ifndef EMBARGO_DATA_BARS_CSV_HPP
#define EMBARGO_DATA_BARS_CSV_HPP

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <embargo/data/bars.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/data/table_csv.hpp>
#include <embargo/core/time.hpp>

namespace embargo {

/// Symbol given to rows of a file without a symbol column.
inline constexpr std::string_view default_symbol = "SERIES";

/// How the reader treats a bar whose high or low does not contain its open and close. Every other
/// rule (finite positive prices, volume, sorted unique timestamps) is always enforced.
enum class ohlc_policy {
  reject,  ///< the default: data_error naming the line
  repair,  ///< high = max(open, high, low, close), low = min(...); the line is recorded
};

struct bars_csv_options {
  ohlc_policy ohlc = ohlc_policy::reject;
  std::vector<std::size_t>* repaired_lines = nullptr;  ///< receives the lines repaired under `repair`
};

/// Parses bars CSV text; `name` is the file name used in messages.
inline panel parse_bars_csv(std::string_view text, const std::string& name, const bars_csv_options& opt = {}) {
  panel out;
  csv_header header;
  bool have_header = false;
  std::size_t c_time = 0, c_open = 0, c_high = 0, c_low = 0, c_close = 0, c_volume = 0;
  std::optional<std::size_t> c_symbol;
  std::unordered_map<std::string, std::size_t> index_of;  // symbol -> position in out.symbols
  std::vector<std::size_t> last_line;                     // line of each symbol's last bar
  // Decided here, once, for every command: text that is not UTF-8 is refused with its line, so
  // no symbol reaches a JSON writer that would reject it after the work is done.
  detail::require_utf8(text, name);

  for_each_csv_row(text, name, [&](std::span<const std::string_view> f, std::size_t line) {
    if (!have_header) {
      header = csv_header(f);
      have_header = true;
      auto need = [&](std::initializer_list<std::string_view> names, const char* what) {
        auto c = header.find(names);
        if (!c) throw data_error(name, line, std::string("missing column '") + what + "' in the header");
        return *c;
      };
      c_time = need({"timestamp", "date", "datetime", "time"}, "timestamp");
      c_open = need({"open"}, "open");
      c_high = need({"high"}, "high");
      c_low = need({"low"}, "low");
      c_close = need({"close"}, "close");
      c_volume = need({"volume"}, "volume");
      c_symbol = header.find({"symbol", "ticker"});
      return;
    }
    if (f.size() != header.size())
      throw data_error(name, line, "expected " + std::to_string(header.size()) + " fields, found " +
                                       std::to_string(f.size()));
    const auto t = parse_timestamp(f[c_time]);
    if (!t) throw data_error(name, line, "timestamp '" + std::string(f[c_time]) + "' is not an ISO 8601 date");
    auto num = [&](std::size_t c, const char* what) {
      auto v = parse_double(f[c]);
      if (!v) throw data_error(name, line, std::string(what) + " '" + std::string(f[c]) + "' is not a number");
      return *v;
    };
    const double o = num(c_open, "open"), c = num(c_close, "close"), v = num(c_volume, "volume");
    double h = num(c_high, "high"), l = num(c_low, "low");
    if (opt.ohlc == ohlc_policy::repair && (h < std::max(o, c) || l > std::min(o, c)) &&
        !bar_problem(o, std::max({o, h, l, c}), std::min({o, h, l, c}), c, v)) {
      h = std::max({o, h, l, c}), l = std::min({o, h, l, c});
      if (opt.repaired_lines) opt.repaired_lines->push_back(line);
    }
    if (const char* p = bar_problem(o, h, l, c, v)) throw data_error(name, line, p);
    std::string sym = c_symbol ? std::string(detail::trim(f[*c_symbol])) : std::string(default_symbol);
    if (sym.empty()) throw data_error(name, line, "empty symbol");
    for (const char ch : sym)
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned>(static_cast<unsigned char>(ch)));
        throw data_error(name, line, std::string("the symbol holds a control character (byte ") + hex + ")");
      }
    auto [it, inserted] = index_of.try_emplace(sym, out.symbols.size());
    if (inserted) {
      out.symbols.push_back(bars{});
      out.symbols.back().symbol = sym;
      last_line.push_back(0);
    }
    bars& b = out.symbols[it->second];
    if (!b.time.empty() && *t <= b.time.back())
      throw data_error(name, line,
                       "timestamp " + format_timestamp(*t) + " is not after " + format_timestamp(b.time.back()) +
                           (*t == b.time.back() ? " (duplicate)" : " (unsorted)") +
                           (c_symbol ? " for symbol " + sym : std::string()) + ", previous bar on line " +
                           std::to_string(last_line[it->second]));
    b.push_back(*t, o, h, l, c, v);
    last_line[it->second] = line;
  });
  if (!have_header) throw data_error(name, 1, "empty file (expected a header row and bars)");
  if (out.symbols.empty()) throw data_error(name, 2, "no bars after the header row");
  return out;
}

/// Reads a bars CSV file. Throws io_error if it cannot be read, data_error if it is invalid.
inline panel read_bars_csv(const std::string& path, const bars_csv_options& opt = {}) {
  return parse_bars_csv(read_text_file(path), path, opt);
}

/// Long-format CSV text: timestamp,symbol,open,high,low,close,volume. Dates only when every
/// timestamp of the panel is at midnight UTC.
inline std::string format_bars_csv(const panel& p) {
  bool date_only = true;
  std::size_t rows = 0;
  for (const auto& b : p.symbols) {
    rows += b.size();
    for (auto t : b.time)
      if (t % 86400 != 0) date_only = false;
  }
  std::string out;
  out.reserve(rows * 80 + 64);
  out += "timestamp,symbol,open,high,low,close,volume\n";
  for (const auto& b : p.symbols) {
    for (std::size_t i = 0; i < b.size(); ++i) {
      out += format_timestamp(b.time[i], date_only);
      out += ',';
      append_csv_field(out, b.symbol);
      for (double v : {b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]}) {
        out += ',';
        append_double(out, v);
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace embargo

#endif
