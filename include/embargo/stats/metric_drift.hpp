// embargo: drift of an error metric (RMSE, MAE, ...) against its validation baseline, the
// monitor rule of the dual-model seed: warning from 5 % worse, critical above 10 % worse.
// Improvements never alarm; the level is a plain enum the gates can map to REVIEW / DROP.
#ifndef EMBARGO_STATS_METRIC_DRIFT_HPP
#define EMBARGO_STATS_METRIC_DRIFT_HPP

#include <array>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

#include <embargo/core/enum_names.hpp>
#include <embargo/core/error.hpp>

namespace embargo {

enum class drift_level { ok, warning, critical, undefined };

template <>
struct enum_names<drift_level> {
  static constexpr std::array<std::pair<std::string_view, drift_level>, 4> entries{
      {{"ok", drift_level::ok},
       {"warning", drift_level::warning},
       {"critical", drift_level::critical},
       {"undefined", drift_level::undefined}}};
};

/// "ok", "warning", "critical", "undefined" (a value outside the enum reads as undefined).
inline std::string_view to_string(drift_level l) noexcept { return to_name(l).empty() ? "undefined" : to_name(l); }

struct metric_drift_options {
  double warning = 0.05;          ///< relative degradation at which to warn (inclusive)
  double critical = 0.10;         ///< relative degradation above which it is critical (exclusive)
  bool higher_is_worse = true;    ///< true for error metrics (RMSE, MAE); false for R², accuracy
};

struct metric_drift_result {
  double baseline = std::numeric_limits<double>::quiet_NaN();
  double current = std::numeric_limits<double>::quiet_NaN();
  double change = std::numeric_limits<double>::quiet_NaN();       ///< (current − baseline) / |baseline|
  double percent = std::numeric_limits<double>::quiet_NaN();      ///< 100·change (the seed's drift_pct)
  double degradation = std::numeric_limits<double>::quiet_NaN();  ///< change signed so that > 0 is worse
  drift_level level = drift_level::undefined;
};

/// Relative change of a metric against its baseline, as the seed's `model_a_drift_pct`:
/// change = (current − baseline)/|baseline|. Level from degradation d (= change, or −change when
/// higher is better): critical if d > critical, warning if d >= warning, else ok (thresholds
/// compared with a 1e−12 relative slack, so 1.00 → 1.10 is exactly 10 %: a warning). Undefined (NaN
/// fields) when either value is NaN/inf or the baseline is 0 (a relative change has no meaning).
/// Throws invalid_argument unless 0 <= warning <= critical.
inline metric_drift_result metric_drift(double baseline, double current, const metric_drift_options& opt = {}) {
  detail::require(opt.warning >= 0.0 && opt.warning <= opt.critical, "metric_drift: need 0 <= warning <= critical");
  metric_drift_result r;
  r.baseline = baseline;
  r.current = current;
  if (!std::isfinite(baseline) || !std::isfinite(current) || baseline == 0.0) return r;
  r.change = (current - baseline) / std::abs(baseline);
  r.percent = 100.0 * r.change;
  r.degradation = opt.higher_is_worse ? r.change : -r.change;
  // A relative slack of 1e−12 lets decimal inputs on a threshold classify as written:
  // (1.10 − 1.00)/1.00 is 0.10000000000000009 in binary, which must not be "above 10 %".
  const double d = r.degradation;
  r.level = d > opt.critical * (1.0 + 1e-12) + 1e-15   ? drift_level::critical
            : d >= opt.warning * (1.0 - 1e-12) - 1e-15 ? drift_level::warning
                                                       : drift_level::ok;
  return r;
}

}  // namespace embargo

#endif
