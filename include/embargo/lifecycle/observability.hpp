// embargo: what an archive tells a monitoring system. Rebuilt from the archive's own records
// after every run, monitor and predict, so it can never disagree with them:
//  - <archive>/embargo.prom, Prometheus text format for node-exporter's textfile collector: the
//    last run's time and duration, models per tier, each serving model's age, each symbol's drift,
//    B win rate and alerts from its latest monitoring, switches so far;
//  - <archive>/daily/<YYYY-MM-DD>.json, that day's counts from decisions.jsonl: gate verdicts per
//    tier, promotions, alias changes, switches, alerts, do-not-trade entries, runs and monitors.
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_OBSERVABILITY_HPP
#define EMBARGO_LIFECYCLE_OBSERVABILITY_HPP

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include <embargo/archive/json_lines.hpp>
#include <embargo/archive/training_archive.hpp>
#include <embargo/core/atomic_file.hpp>
#include <embargo/core/time.hpp>
#include <embargo/lifecycle/decision_log.hpp>
#include <embargo/lifecycle/model_file.hpp>
#include <embargo/lifecycle/registry.hpp>

namespace embargo::lifecycle {

namespace detail {
/// A label value in the exposition format: backslash, double quote and newline escaped.
inline std::string label_value(std::string_view v) {
  std::string out;
  for (const char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}
inline std::string sample(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char b[32];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}
/// Seconds since the epoch of an ISO 8601 UTC time with optional fraction ("...T..:..:..(.ffffff)Z").
inline double epoch_seconds(const std::string& iso) {
  const auto dot = iso.find('.');
  const auto whole = parse_timestamp(dot == std::string::npos ? iso : iso.substr(0, dot) + "Z");
  if (!whole) return std::nan("");
  double frac = 0;
  if (dot != std::string::npos) frac = std::atof(("0" + iso.substr(dot, iso.size() - dot - 1)).c_str());
  return static_cast<double>(*whole) + frac;
}
inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct metric_family {
  std::string name, help, type;
  std::vector<std::pair<std::string, double>> samples;  ///< (labels without braces, value)
};
inline std::string render(const std::vector<metric_family>& families) {
  std::string out;
  for (const auto& f : families) {
    out += "# HELP " + f.name + " " + f.help + "\n# TYPE " + f.name + " " + f.type + "\n";
    for (const auto& [labels, v] : f.samples) out += f.name + (labels.empty() ? "" : "{" + labels + "}") + " " + sample(v) + "\n";
  }
  return out;
}
}  // namespace detail

/// The Prometheus text of the archive's current state.
inline std::string prometheus_text(const std::filesystem::path& archive) {
  using detail::metric_family;
  const training_archive ar(archive);
  const auto decisions = read_json_lines(decision_log_path(archive)).records;
  metric_family last_run{"embargo_last_run_timestamp_seconds", "When the latest research run was archived (Unix time).", "gauge", {}};
  metric_family duration{"embargo_run_duration_seconds", "Wall time of the latest research run.", "gauge", {}};
  metric_family tiers{"embargo_models", "Models of the latest run by gate tier.", "gauge", {}};
  metric_family age{"embargo_serving_model_age_seconds", "Age of the model each symbol's champion alias serves (since it was exported).", "gauge", {}};
  metric_family drift{"embargo_drift_percent", "Model A's drift below its validation baseline at the symbol's latest monitoring, in percent.", "gauge", {}};
  // (promtool's linter reads a "_b_" in a name as an abbreviated unit: the model is a label.)
  metric_family win{"embargo_dual_model_win_ratio",
                    "Share of comparison windows each model of the dual pair won at the symbol's latest monitoring.", "gauge", {}};
  metric_family alerts{"embargo_alerts", "Alerts raised by the symbol's latest monitoring.", "gauge", {}};
  metric_family switches{"embargo_switches_total", "Dual-model switches recorded in the decision log.", "counter", {}};

  const auto runs = ar.list();
  if (!runs.empty()) {
    const auto& e = runs.back();
    last_run.samples.push_back({"", detail::epoch_seconds(e.created)});
    tiers.samples = {{"tier=\"APPROVED\"", static_cast<double>(e.approved_count)},
                     {"tier=\"REVIEW\"", static_cast<double>(e.review_count)},
                     {"tier=\"DROP\"", static_cast<double>(e.dropped_count)}};
  }
  double switch_count = 0;
  for (auto it = decisions.rbegin(); it != decisions.rend(); ++it)
    if ((*it)["what"] == "run" && duration.samples.empty() && (*it)["duration_seconds"].is_number())
      duration.samples.push_back({"", (*it)["duration_seconds"].get<double>()});
  for (const auto& d : decisions) switch_count += d["what"] == "switch" ? 1.0 : 0.0;
  switches.samples.push_back({"", switch_count});

  const double now = detail::now_seconds();
  const model_registry registry(archive);
  for (const auto& [symbol, names] : registry.aliases()) {
    const auto c = names.find("champion");
    if (c == names.end()) continue;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(registry.model_path(c->second), ec)) continue;
    const auto f = read_model_file(registry.model_path(c->second));
    age.samples.push_back({"symbol=\"" + detail::label_value(symbol) + "\"", now - detail::epoch_seconds(f.created)});
  }
  std::map<std::string, nlohmann::json> latest;
  for (const auto& rec : ar.monitoring_history().records)
    if (rec.contains("symbol") && rec["symbol"].is_string()) latest[rec["symbol"].get<std::string>()] = rec;
  for (const auto& [symbol, rec] : latest) {
    const std::string label = "symbol=\"" + detail::label_value(symbol) + "\"";
    const auto number = [&](const char* obj, const char* key) {
      return rec.contains(obj) && rec[obj].contains(key) && rec[obj][key].is_number() ? rec[obj][key].get<double>() : std::nan("");
    };
    drift.samples.push_back({label, number("drift", "model_a_drift_pct")});
    const double b_rate = number("comparison", "model_b_win_rate");
    win.samples.push_back({label + ",model=\"A\"", 1 - b_rate});
    win.samples.push_back({label + ",model=\"B\"", b_rate});
    alerts.samples.push_back({label, rec.contains("alerts") && rec["alerts"].is_array() ? static_cast<double>(rec["alerts"].size()) : 0.0});
  }
  std::vector<metric_family> families;
  for (auto* f : {&last_run, &duration, &tiers, &age, &drift, &win, &alerts, &switches})
    if (!f->samples.empty()) families.push_back(*f);
  return detail::render(families);
}

/// That day's counts from the decision log (day: "YYYY-MM-DD", UTC).
inline nlohmann::json daily_summary(const std::filesystem::path& archive, const std::string& day) {
  nlohmann::json counts = {{"runs", 0}, {"monitors", 0}, {"gate", {{"APPROVED", 0}, {"REVIEW", 0}, {"DROP", 0}}}, {"excluded", 0},
                           {"promotions", 0}, {"alias_changes", 0}, {"switches", 0}, {"alerts", 0}, {"do_not_trade", 0}};
  for (const auto& d : read_json_lines(decision_log_path(archive)).records) {
    if (!d.contains("time") || !d["time"].is_string() || d["time"].get<std::string>().compare(0, 10, day) != 0) continue;
    const std::string what = d.value("what", "");
    if (what == "gate" && d.contains("tier") && counts["gate"].contains(d["tier"].get<std::string>()))
      counts["gate"][d["tier"].get<std::string>()] = counts["gate"][d["tier"].get<std::string>()].get<int>() + 1;
    const std::map<std::string, const char*> key = {{"run", "runs"}, {"monitor", "monitors"}, {"excluded", "excluded"},
                                                    {"promotion", "promotions"}, {"alias", "alias_changes"}, {"switch", "switches"},
                                                    {"alert", "alerts"}, {"do_not_trade", "do_not_trade"}};
    if (const auto k = key.find(what); k != key.end()) counts[k->second] = counts[k->second].get<int>() + 1;
  }
  return {{"day", day}, {"counts", counts}};
}

/// Rewrites embargo.prom and today's daily summary (both atomically).
inline void refresh_observability(const std::filesystem::path& archive) {
  write_file_atomically(archive / "embargo.prom", prometheus_text(archive));
  const std::string day = embargo::detail::archive_clock().iso.substr(0, 10);
  std::filesystem::create_directories(archive / "daily");
  write_file_atomically(archive / "daily" / (day + ".json"), daily_summary(archive, day).dump(2) + "\n");
}

}  // namespace embargo::lifecycle

#endif
