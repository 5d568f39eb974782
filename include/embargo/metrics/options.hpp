// embargo: the runtime conventions of a metric set (spec-metrics-stats §1). They are fixed when
// the set is built so that two accumulators can only merge when they mean the same thing.
#ifndef EMBARGO_METRICS_OPTIONS_HPP
#define EMBARGO_METRICS_OPTIONS_HPP

#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

#include <embargo/core/enum_names.hpp>
#include <embargo/core/error.hpp>

namespace embargo {

/// What a non-finite input (NaN, ±inf) does. `skip` (default, empyrical's moments and
/// PerformanceAnalytics' na.omit): the value is not an observation, it changes no count, sum or
/// wealth path. `zero` (quantstats' fillna(0)): it is a flat period and counts in n.
/// `propagate`: every result of the set becomes NaN.
enum class nan_policy { skip, zero, propagate };

}  // namespace embargo

template <>
struct embargo::enum_names<embargo::nan_policy> {
  static constexpr std::array<std::pair<std::string_view, nan_policy>, 3> entries{
      {{"skip", nan_policy::skip}, {"zero", nan_policy::zero}, {"propagate", nan_policy::propagate}}};
};

namespace embargo {

/// "skip", "zero", "propagate" ("?" for a value outside the enum).
inline std::string_view to_string(nan_policy p) noexcept { return to_name(p).empty() ? "?" : to_name(p); }

/// Inverse of to_string; throws invalid_argument for anything else.
inline nan_policy parse_nan_policy(std::string_view s) {
  if (const auto p = parse_name<nan_policy>(s)) return *p;
  throw invalid_argument("nan policy must be skip, zero or propagate, not '" + std::string(s) + "'");
}

/// Every rate here is PER PERIOD (empyrical's convention; spec §1.2). Convert an annual rate with
/// deannualize_geometric first: passing 0.01 annual as risk_free is quantopian/empyrical#108.
struct metric_options {
  double periods_per_year = 252.0;  ///< annualisation factor; a double so 365.25 * 24 works
  double risk_free = 0.0;           ///< subtracted from returns in Sharpe and Omega
  double required_return = 0.0;     ///< MAR of Sortino and downside risk
  double omega_threshold = 0.0;     ///< L of Omega, on top of risk_free (empyrical's layout)
  double tail_cutoff = 0.05;        ///< VaR / CVaR quantile
  nan_policy nan = nan_policy::skip;

  friend bool operator==(const metric_options&, const metric_options&) = default;

  /// Throws invalid_argument naming the bad field; called by every set's constructor.
  void validate() const {
    embargo::detail::require(std::isfinite(periods_per_year) && periods_per_year > 0,
            "periods_per_year must be a positive number");
    embargo::detail::require(std::isfinite(risk_free) && risk_free > -1, "risk_free must be a per-period rate above -1");
    embargo::detail::require(std::isfinite(required_return) && required_return > -1,
            "required_return must be a per-period rate above -1");
    embargo::detail::require(std::isfinite(omega_threshold), "omega_threshold must be finite");
    embargo::detail::require(tail_cutoff > 0 && tail_cutoff < 0.5, "tail_cutoff must be in (0, 0.5)");
  }
};

/// (1 + annual)^(1/ppy) - 1: the per-period rate that compounds to `annual` over a year.
inline double deannualize_geometric(double annual, double periods_per_year) {
  embargo::detail::require(annual > -1 && periods_per_year > 0, "deannualize_geometric: need annual > -1 and ppy > 0");
  return std::expm1(std::log1p(annual) / periods_per_year);
}

}  // namespace embargo

#endif
