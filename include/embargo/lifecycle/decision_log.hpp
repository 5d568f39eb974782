// embargo: the decision log, <archive>/decisions.jsonl: one JSON line per gate verdict,
// promotion, alias change and do-not-trade entry, with what was decided, why and the numbers
// behind it. Append-only through archive/json_lines.hpp (whole lines under a file lock, a torn
// last line from a crash never swallows the next).
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_DECISION_LOG_HPP
#define EMBARGO_LIFECYCLE_DECISION_LOG_HPP

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/archive/json_lines.hpp>
#include <embargo/archive/training_archive.hpp>

namespace embargo::lifecycle {

inline std::filesystem::path decision_log_path(const std::filesystem::path& archive) { return archive / "decisions.jsonl"; }

/// One line of the log: {"time", "what", "symbol", ...details}.
inline nlohmann::json decision(const std::string& what, const std::string& symbol, nlohmann::json details = nlohmann::json::object()) {
  nlohmann::json line = {{"time", embargo::detail::archive_clock().iso}, {"what", what}, {"symbol", symbol}};
  for (auto& [k, v] : details.items()) line[k] = std::move(v);
  return line;
}

/// Appends lines made by decision() at once (one lock, one fsync: a run of 10000 symbols logs
/// tens of thousands of decisions).
inline void log_decisions(const std::filesystem::path& archive, const std::vector<nlohmann::json>& lines) {
  append_json_lines(decision_log_path(archive), lines);
}

/// Appends one decision.
inline void log_decision(const std::filesystem::path& archive, const std::string& what, const std::string& symbol,
                         nlohmann::json details = nlohmann::json::object()) {
  append_json_line(decision_log_path(archive), decision(what, symbol, std::move(details)));
}

}  // namespace embargo::lifecycle

#endif
