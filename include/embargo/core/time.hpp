// embargo: UTC timestamps as integer seconds since the Unix epoch, and ISO 8601 text.
// Accepted: "2021-03-01", "2021-03-01T09:30:00", "2021-03-01 09:30:00", optional fractional
// seconds (truncated), optional "Z" or "+00:00"; other offsets are applied to get UTC. A plain
// integer is read as epoch seconds (the bench data files use that).
#ifndef EMBARGO_CORE_TIME_HPP
#define EMBARGO_CORE_TIME_HPP

#include <charconv>
#include <cstdio>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace embargo {

/// Seconds since 1970-01-01T00:00:00Z.
using timestamp = std::int64_t;

namespace detail {
// Howard Hinnant's days_from_civil: proleptic Gregorian date to days since the epoch.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct civil {
  std::int64_t y;
  unsigned m, d;
};
constexpr civil civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

constexpr bool is_leap(std::int64_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
  constexpr unsigned dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29u : dm[m - 1];
}

inline bool read_fixed(std::string_view s, std::size_t pos, std::size_t len, int& out) noexcept {
  if (pos + len > s.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return r.ec == std::errc{};
}
}  // namespace detail

/// Days since the epoch for a date; 1970-01-01 is day 0. Thursday.
constexpr std::int64_t days_since_epoch(int year, unsigned month, unsigned day) noexcept {
  return detail::days_from_civil(year, month, day);
}

/// 0 = Monday ... 6 = Sunday, for a UTC timestamp.
constexpr int weekday_utc(timestamp t) noexcept {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  return static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday (3)
}

/// Parses an ISO 8601 date or date-time (see the file header). Returns nullopt on any
/// malformation, including impossible dates such as 2021-02-30.
inline std::optional<timestamp> parse_timestamp(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  if (s.size() < 10 || s[4] != '-') {  // epoch seconds
    std::int64_t v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{}) return std::nullopt;
    if (r.ptr != s.data() + s.size()) {  // allow "1577836800.0" as written by float formatting
      std::string_view rest(r.ptr, static_cast<std::size_t>(s.data() + s.size() - r.ptr));
      if (rest.front() != '.' || rest.find_first_not_of('0', 1) != std::string_view::npos) return std::nullopt;
    }
    return v;
  }
  int y, mo, d;
  if (!detail::read_fixed(s, 0, 4, y) || s[4] != '-' || !detail::read_fixed(s, 5, 2, mo) || s[7] != '-' ||
      !detail::read_fixed(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > detail::days_in_month(y, static_cast<unsigned>(mo)))
    return std::nullopt;
  timestamp t = detail::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400;
  std::size_t p = 10;
  if (p == s.size()) return t;
  if (s[p] != 'T' && s[p] != ' ') return std::nullopt;
  ++p;
  int hh, mm, ss = 0;
  if (!detail::read_fixed(s, p, 2, hh) || p + 2 >= s.size() || s[p + 2] != ':' || !detail::read_fixed(s, p + 3, 2, mm))
    return std::nullopt;
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!detail::read_fixed(s, p + 1, 2, ss)) return std::nullopt;
    p += 3;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      const std::size_t start = p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
      if (p == start) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;  // 60: a leap second, folded below
  t += hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss);
  if (p == s.size()) return t;
  if (s[p] == 'Z' && p + 1 == s.size()) return t;
  if ((s[p] == '+' || s[p] == '-') && (s.size() == p + 6 || s.size() == p + 5 || s.size() == p + 3)) {
    int oh, om = 0;
    if (!detail::read_fixed(s, p + 1, 2, oh)) return std::nullopt;
    if (s.size() == p + 6 && (s[p + 3] != ':' || !detail::read_fixed(s, p + 4, 2, om))) return std::nullopt;
    if (s.size() == p + 5 && !detail::read_fixed(s, p + 3, 2, om)) return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    const int sign = s[p] == '+' ? 1 : -1;
    return t - sign * (oh * 3600 + om * 60);
  }
  return std::nullopt;
}

/// A bar interval such as "90s", "5m", "1h", "1d", "1w" (or plain seconds, "3600") in seconds;
/// nullopt for anything else, including zero and negative lengths.
inline std::optional<std::int64_t> parse_interval(std::string_view s) noexcept {
  if (s.empty()) return std::nullopt;
  std::int64_t unit = 1;
  switch (s.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    case 'w': unit = 7 * 86400; break;
    default: unit = 0;
  }
  if (unit) s.remove_suffix(1);
  else unit = 1;
  std::int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v * unit;
}

/// "YYYY-MM-DDTHH:MM:SSZ", or "YYYY-MM-DD" when date_only.
inline std::string format_timestamp(timestamp t, bool date_only = false) {
  const std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  const std::int64_t secs = t - days * 86400;
  const auto c = detail::civil_from_days(days);
  char buf[40];
  const int h = static_cast<int>(secs / 3600), m = static_cast<int>(secs / 60 % 60), s = static_cast<int>(secs % 60);
  int n = date_only ? std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d)
                    : std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                                    static_cast<long long>(c.y), c.m, c.d, h, m, s);
  return std::string(buf, static_cast<std::size_t>(n));
}

}  // namespace embargo

#endif
