// embargo: the dual-model switch state read from monitoring_history.jsonl.
// The seed's records carry comparison.model_b_win_rate (a fraction) and
// drift.model_a_drift_pct (in percent); the switch rule wants both as fractions.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_MONITORING_HPP
#define EMBARGO_ARCHIVE_MONITORING_HPP

#include <limits>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/gates/dual_model_switch.hpp>

namespace embargo {

/// One observation per record, in file order. A record without a numeric win rate or drift
/// yields NaN there, which never qualifies for a switch (missing evidence is not evidence).
inline std::vector<monitoring_observation> monitoring_observations(const std::vector<nlohmann::json>& records) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  auto number = [&](const nlohmann::json& r, const char* obj, const char* key) {
    if (!r.is_object()) return nan;
    auto o = r.find(obj);
    if (o == r.end() || !o->is_object()) return nan;
    auto v = o->find(key);
    return v != o->end() && v->is_number() ? v->get<double>() : nan;
  };
  std::vector<monitoring_observation> out;
  out.reserve(records.size());
  for (const auto& r : records)
    out.push_back({number(r, "comparison", "model_b_win_rate"), number(r, "drift", "model_a_drift_pct") / 100.0});
  return out;
}

}  // namespace embargo

#endif
