// embargo: metric results as JSON (nlohmann). Non-finite values follow DESIGN.md §7: the value is
// null and a flag says which infinity it was ("profit_factor_infinite": true, or
// "sharpe_negative_infinite": true); NaN is a plain null. The conventions that produced the
// numbers travel with them (spec §5: most cross-library disagreements are conventions).
// embargo-requires: json
#ifndef EMBARGO_METRICS_JSON_HPP
#define EMBARGO_METRICS_JSON_HPP

#include <cmath>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include <embargo/metrics/options.hpp>

namespace embargo {

/// Adds name: value (and the infinity flag) to `out`.
/// Counts (n, durations in periods) print as JSON integers.
inline void put_metric(nlohmann::json& out, std::string_view name, double value) {
  const std::string key(name);
  const bool count = name == "n" || name == "max_drawdown_duration" || name == "current_drawdown_duration";
  if (count && std::isfinite(value) && value == std::floor(value) && std::abs(value) < 9007199254740992.0) {
    out[key] = static_cast<std::int64_t>(value);
    return;
  }
  if (std::isfinite(value)) {
    out[key] = value;
    return;
  }
  out[key] = nullptr;
  if (value > 0) out[key + "_infinite"] = true;
  if (value < 0) out[key + "_negative_infinite"] = true;
}

/// { name: value, ... } of a set's requested statistics.
template <class Set>
nlohmann::json results_json(const Set& set) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : set.results()) put_metric(out, name, value);
  if (set.nonfinite() > 0) out["nonfinite_inputs"] = set.nonfinite();
  return out;
}

inline nlohmann::json options_json(const metric_options& o) {
  return {{"periods_per_year", o.periods_per_year},
          {"risk_free_per_period", o.risk_free},
          {"required_return_per_period", o.required_return},
          {"omega_threshold_per_period", o.omega_threshold},
          {"tail_cutoff", o.tail_cutoff},
          {"nan_policy", std::string(to_string(o.nan))},
          {"sharpe", "mean(r - risk_free) / sd(ddof 1) * sqrt(periods_per_year)"},
          {"max_drawdown", "positive fraction of the running peak of compounded wealth (start counts)"},
          {"kurtosis", "raw (3 for a normal); excess_kurtosis = kurtosis - 3"}};
}

}  // namespace embargo

#endif
