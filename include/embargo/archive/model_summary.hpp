// embargo: reading a training summary (JSON) into metrics records for the gates.
// Accepts our metric names and the seed's (final_fitness, final_pf, final_consistency,
// final_max_dd); every error names the file, the field and what was expected.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_MODEL_SUMMARY_HPP
#define EMBARGO_ARCHIVE_MODEL_SUMMARY_HPP

#include <cmath>
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

/// Reads a whole JSON file. Throws io_error when it cannot be read and data_error (with the
/// file name and the parser's byte position) when it is empty, not JSON or not valid UTF-8.
inline nlohmann::json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error(path.string() + ": cannot open for reading");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw data_error(path.string() + ": the file is empty; expected a JSON object");
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
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
      double x;
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
