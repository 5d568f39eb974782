// embargo: JSON forms of the gates' inputs and outputs (config, metrics, assessments).
// Kept out of gates/ so the core stays free of nlohmann-json; the CLI and the archive share
// these, so `embargo gate` prints exactly what model_assessments.json stores.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_GATE_JSON_HPP
#define EMBARGO_ARCHIVE_GATE_JSON_HPP

#include <cmath>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <embargo/core/error.hpp>
#include <embargo/gates/assessment.hpp>
#include <embargo/gates/metrics_record.hpp>
#include <embargo/gates/overfitting_detector.hpp>
#include <embargo/gates/tiered_gate.hpp>

namespace embargo {

/// Metrics as a JSON object. Finite values are numbers; NaN is null; +inf is null plus
/// "<name>_infinite": true (DESIGN.md §7), −inf is null plus "<name>_infinite": "-inf".
inline nlohmann::json metrics_to_json(const metrics_record& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, v] : m.values()) {
    if (std::isfinite(v)) {
      j[name] = v;
    } else {
      j[name] = nullptr;
      if (std::isinf(v)) j[name + "_infinite"] = v > 0 ? nlohmann::json(true) : nlohmann::json("-inf");
    }
  }
  return j;
}

/// The assessment of one model: {"symbol", "classification", "flags", "use_checkpoint",
/// "best_idx" (null without a history), "checkpoint_update" (null unless recommended with a
/// known validation interval)}.
inline nlohmann::json assessment_to_json(std::string_view symbol, const assessment& a, bool has_history) {
  nlohmann::json j;
  j["symbol"] = std::string(symbol);
  j["classification"] = std::string(to_string(a.classification));
  j["flags"] = a.flags;
  j["use_checkpoint"] = a.checkpoint.use_checkpoint;
  j["best_idx"] = has_history ? nlohmann::json(a.checkpoint.best_idx) : nlohmann::json(nullptr);
  j["checkpoint_update"] =
      a.checkpoint.checkpoint_update ? nlohmann::json(*a.checkpoint.checkpoint_update) : nlohmann::json(nullptr);
  return j;
}

/// Applies a gate config to thresholds and detector options. Two spellings are accepted:
/// ours, {"thresholds": {"fitness": {"approved": 0.8, "review": 0.6}, ...},
///        "overfitting": {"decline_threshold": 0.05, "oscillation_threshold": 0.1}},
/// and the seed's flat ModelGatingConfig names (approved_min_fitness, review_min_fitness,
/// approved_min_pf, review_min_pf, approved_min_consistency, review_min_consistency,
/// approved_max_drawdown, review_max_drawdown, fitness_decline_threshold,
/// fitness_oscillation_threshold). Unknown keys and non-numbers are data_errors naming the key,
/// so a typo never silently keeps a default. The gate's constructor then checks the ordering.
template <class... Criteria>
void apply_gate_config(const nlohmann::json& cfg, gate_thresholds<Criteria...>& t, overfitting_options& o,
                       const std::string& source) {
  auto fail = [&](const std::string& where, const std::string& what) { throw data_error(source + ": " + where + ": " + what); };
  auto number = [&](const nlohmann::json& v, const std::string& where) {
    if (!v.is_number()) fail(where, std::string("expected a number, got ") + v.type_name());
    return v.get<double>();
  };
  auto slot = [&](std::string_view metric, const std::string& where) -> tier_thresholds& {
    tier_thresholds* p = t.find(metric);
    if (!p) fail(where, "this gate has no criterion on \"" + std::string(metric) + "\"");
    return *p;
  };
  if (!cfg.is_object()) fail("top level", std::string("expected an object, got ") + cfg.type_name());
  for (auto it = cfg.begin(); it != cfg.end(); ++it) {
    const std::string& k = it.key();
    const nlohmann::json& v = it.value();
    if (k == "thresholds") {
      if (!v.is_object()) fail(k, std::string("expected an object, got ") + v.type_name());
      for (auto c = v.begin(); c != v.end(); ++c) {
        const std::string where = k + "." + c.key();
        tier_thresholds& s = slot(c.key(), where);
        if (!c->is_object()) fail(where, std::string("expected {\"approved\": x, \"review\": y}, got ") + c->type_name());
        for (auto f = c->begin(); f != c->end(); ++f) {
          if (f.key() == "approved") s.approved = number(*f, where + ".approved");
          else if (f.key() == "review") s.review = number(*f, where + ".review");
          else fail(where + "." + f.key(), "unknown key; expected \"approved\" or \"review\"");
        }
      }
    } else if (k == "overfitting") {
      if (!v.is_object()) fail(k, std::string("expected an object, got ") + v.type_name());
      for (auto f = v.begin(); f != v.end(); ++f) {
        if (f.key() == "decline_threshold") o.decline_threshold = number(*f, k + "." + f.key());
        else if (f.key() == "oscillation_threshold") o.oscillation_threshold = number(*f, k + "." + f.key());
        else fail(k + "." + f.key(), "unknown key; expected decline_threshold or oscillation_threshold");
      }
    } else if (k == "approved_min_fitness") slot("fitness", k).approved = number(v, k);
    else if (k == "review_min_fitness") slot("fitness", k).review = number(v, k);
    else if (k == "approved_min_pf") slot("profit_factor", k).approved = number(v, k);
    else if (k == "review_min_pf") slot("profit_factor", k).review = number(v, k);
    else if (k == "approved_min_consistency") slot("consistency", k).approved = number(v, k);
    else if (k == "review_min_consistency") slot("consistency", k).review = number(v, k);
    else if (k == "approved_max_drawdown") slot("max_drawdown", k).approved = number(v, k);
    else if (k == "review_max_drawdown") slot("max_drawdown", k).review = number(v, k);
    else if (k == "fitness_decline_threshold") o.decline_threshold = number(v, k);
    else if (k == "fitness_oscillation_threshold") o.oscillation_threshold = number(v, k);
    else fail(k, "unknown key; expected thresholds, overfitting or a seed ModelGatingConfig name");
  }
}

}  // namespace embargo

#endif
