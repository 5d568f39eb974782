// embargo: reading a training summary (JSON) into metrics records for the gates.
// Accepts our metric names and the seed's (final_fitness, final_pf, final_consistency,
// final_max_dd); every error names the file, the field and what was expected.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_MODEL_SUMMARY_HPP
#define EMBARGO_ARCHIVE_MODEL_SUMMARY_HPP

#include <cmath>
#include <cstdio>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/core/error.hpp>
#include <embargo/gates/metrics_record.hpp>

namespace embargo {

/// One model of a training summary.
struct model_summary {
  std::string symbol;
  metrics_record metrics;
  std::vector<double> fitness_history;
  std::uint64_t validation_interval = 0;  ///< 0 = unknown
};

namespace detail {
inline const char* json_type(const nlohmann::json& j) { return j.type_name(); }

// Our name, the seed's alias.
inline constexpr std::pair<std::string_view, std::string_view> summary_metric_aliases[] = {
    {"fitness", "final_fitness"},
    {"profit_factor", "final_pf"},
    {"consistency", "final_consistency"},
    {"max_drawdown", "final_max_dd"},
};
}  // namespace detail

namespace detail {
// Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included),
// or npos. Checked before parsing so that the message can say where, in which field.
inline std::size_t first_invalid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  const auto* u = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    const unsigned char c = u[i];
    std::size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c == 0xE0) { n = 2; lo = 0xA0; }
    else if (c == 0xED) { n = 2; hi = 0x9F; }
    else if (c >= 0xE1 && c <= 0xEF) n = 2;
    else if (c == 0xF0) { n = 3; lo = 0x90; }
    else if (c == 0xF4) { n = 3; hi = 0x8F; }
    else if (c >= 0xF1 && c <= 0xF3) n = 3;
    else return i;
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return i;
      const unsigned char d = u[i + k];
      if (d < (k == 1 ? lo : 0x80u) || d > (k == 1 ? hi : 0xBFu)) return i;
    }
    i += n + 1;
  }
  return std::string_view::npos;
}

// "line L, column C" of a byte offset, plus the key whose string value holds it when the
// text around it looks like "key": "...<here>" (best effort, for the message only).
inline std::string describe_offset(std::string_view s, std::size_t off) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < off; ++i) {
    if (s[i] == '\n') { ++line; col = 1; } else { ++col; }
  }
  std::string where = "line " + std::to_string(line) + ", column " + std::to_string(col);
  auto open_quote = [&](std::size_t from) -> std::size_t {  // the '"' opening the string ending before `from`
    while (from > 0) {
      --from;
      if (s[from] == '"' && (from == 0 || s[from - 1] != '\\')) return from;
    }
    return std::string_view::npos;
  };
  std::size_t q = open_quote(off);
  if (q == std::string_view::npos) return where;
  std::size_t p = q;
  while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t' || s[p - 1] == '\n' || s[p - 1] == '\r')) --p;
  if (p == 0 || s[p - 1] != ':') return where;
  --p;
  while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t' || s[p - 1] == '\n' || s[p - 1] == '\r')) --p;
  if (p == 0 || s[p - 1] != '"') return where;
  const std::size_t kq = open_quote(p - 1);
  if (kq == std::string_view::npos) return where;
  const std::string key(s.substr(kq + 1, p - 1 - kq - 1));
  if (first_invalid_utf8(key) != std::string_view::npos) return where;
  return where + ", in the value of \"" + key + "\"";
}
}  // namespace detail

/// Reads a whole JSON file. Throws io_error when it cannot be read and data_error (with the
/// file name and the position) when it is empty, not valid UTF-8 (naming the key whose value
/// holds the bad byte when it can tell) or not JSON.
inline nlohmann::json read_json_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw io_error(path.string() + ": is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error(path.string() + ": cannot open for reading");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw data_error(path.string() + ": the file is empty; expected a JSON object");
  if (const std::size_t bad = detail::first_invalid_utf8(text); bad != std::string::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
    throw data_error(path.string() + ": " + detail::describe_offset(text, bad) + ": invalid UTF-8 (byte " + hex +
                     "); expected UTF-8 text");
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range 406: a number beyond a double (1e400)
    throw data_error(path.string() + ": not valid JSON (" + e.what() + ")");
  }
}

/// Models of a summary {"models": [{"symbol": ..., "fitness": ..., ...}, ...]}.
/// - symbol: a non-empty string, unique within the summary;
/// - fitness / profit_factor / consistency / max_drawdown (or the seed's final_* names, not
///   both): a number, or null for an undefined value (NaN). profit_factor null with
///   "profit_factor_infinite": true is +inf. consistency must lie in [0, 1], max_drawdown and
///   profit_factor must be ≥ 0;
/// - any other numeric field (sortino, dsr, train_oos_gap, ...) becomes a metric of that name;
/// - fitness_history: optional array of numbers; validation_interval: optional integer ≥ 0.
/// A metric absent from the object stays absent (the gate flags it). Throws data_error naming
/// `source` and the field, e.g. "s.json: models[2].profit_factor: expected a number or null, got string".
inline std::vector<model_summary> parse_summary(const nlohmann::json& j, const std::string& source) {
  auto fail = [&](const std::string& where, const std::string& what) { throw data_error(source + ": " + where + ": " + what); };
  if (!j.is_object()) fail("top level", std::string("expected an object with a \"models\" array, got ") + detail::json_type(j));
  auto models = j.find("models");
  if (models == j.end()) fail("models", "missing; expected an array of model objects");
  if (!models->is_array() || models->empty())
    fail("models", std::string("expected a non-empty array, got ") + (models->is_array() ? "an empty array" : detail::json_type(*models)));
  std::vector<model_summary> out;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < models->size(); ++i) {
    const nlohmann::json& m = (*models)[i];
    const std::string at = "models[" + std::to_string(i) + "]";
    if (!m.is_object()) fail(at, std::string("expected an object, got ") + detail::json_type(m));
    model_summary s;
    auto sym = m.find("symbol");
    if (sym == m.end()) fail(at + ".symbol", "missing; expected a non-empty string");
    if (!sym->is_string() || sym->get_ref<const std::string&>().empty())
      fail(at + ".symbol", std::string("expected a non-empty string, got ") + (sym->is_string() ? "\"\"" : detail::json_type(*sym)));
    s.symbol = sym->get<std::string>();
    if (auto [it, fresh] = seen.emplace(s.symbol, i); !fresh)
      fail(at + ".symbol", "duplicate symbol \"" + s.symbol + "\" (also models[" + std::to_string(it->second) + "])");

    std::map<std::string, std::string, std::less<>> alias_of;  // seed name -> our name
    for (auto [ours, seed] : detail::summary_metric_aliases) {
      if (m.contains(std::string(ours)) && m.contains(std::string(seed)))
        fail(at, "both \"" + std::string(ours) + "\" and \"" + std::string(seed) + "\" given; expected one of them");
      alias_of.emplace(std::string(seed), std::string(ours));
    }
    for (auto it = m.begin(); it != m.end(); ++it) {
      const std::string& key = it.key();
      if (key == "symbol" || key == "fitness_history" || key == "validation_interval" || key == "profit_factor_infinite") continue;
      auto a = alias_of.find(key);
      const std::string name = a != alias_of.end() ? a->second : key;
      const bool known = name == "fitness" || name == "profit_factor" || name == "consistency" || name == "max_drawdown";
      const nlohmann::json& v = it.value();
      double x = 0;  // set below or `fail` throws (Clang cannot see that the lambda never returns)
      if (v.is_number()) {
        x = v.get<double>();
      } else if (v.is_null() && known) {
        const auto inf = m.find("profit_factor_infinite");
        x = name == "profit_factor" && inf != m.end() && inf->is_boolean() && inf->get<bool>()
                ? std::numeric_limits<double>::infinity()
                : std::numeric_limits<double>::quiet_NaN();
      } else if (known) {
        fail(at + "." + key, std::string("expected a number or null, got ") + detail::json_type(v));
      } else {
        continue;  // extra non-numeric fields (notes, names) are carried in the raw summary only
      }
      if (name == "consistency" && !std::isnan(x) && !(x >= 0.0 && x <= 1.0))
        fail(at + "." + key, "expected a fraction in [0, 1], got " + v.dump());
      if ((name == "max_drawdown" || name == "profit_factor") && !std::isnan(x) && !(x >= 0.0))
        fail(at + "." + key, "expected a number >= 0, got " + v.dump());
      s.metrics.set(name, x);
    }
    if (auto h = m.find("fitness_history"); h != m.end()) {
      if (!h->is_array()) fail(at + ".fitness_history", std::string("expected an array of numbers, got ") + detail::json_type(*h));
      for (std::size_t k = 0; k < h->size(); ++k) {
        if (!(*h)[k].is_number())
          fail(at + ".fitness_history[" + std::to_string(k) + "]",
               std::string("expected a number, got ") + detail::json_type((*h)[k]));
        s.fitness_history.push_back((*h)[k].get<double>());
      }
    }
    if (auto v = m.find("validation_interval"); v != m.end() && !v->is_null()) {
      if (!v->is_number_unsigned())
        fail(at + ".validation_interval", "expected an integer >= 0, got " + v->dump());
      s.validation_interval = v->get<std::uint64_t>();
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace embargo

#endif
