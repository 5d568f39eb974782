// embargo: the promotion gate, candidate -> staging -> production.
// quant-bot's OOS gates (Sortino ≥ 1.2, profit factor ≥ 1.15, max drawdown ≤ 6 %), plus a
// deflated Sharpe ratio > 0.95 whenever the number of trials behind the model is known.
#ifndef EMBARGO_GATES_PROMOTION_GATE_HPP
#define EMBARGO_GATES_PROMOTION_GATE_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <embargo/core/enum_names.hpp>
#include <embargo/core/error.hpp>
#include <embargo/gates/metrics_record.hpp>

namespace embargo {

/// Deployment stage of a model.
enum class deployment_stage { candidate, staging, production };

template <>
struct enum_names<deployment_stage> {
  static constexpr std::array<std::pair<std::string_view, deployment_stage>, 3> entries{
      {{"candidate", deployment_stage::candidate},
       {"staging", deployment_stage::staging},
       {"production", deployment_stage::production}}};
};

/// "candidate", "staging", "production" (a value outside the enum reads as candidate).
constexpr std::string_view to_string(deployment_stage s) noexcept { return to_name(s).empty() ? "candidate" : to_name(s); }

/// Thresholds of the promotion gate (quant-bot defaults; DSR from Bailey and López de Prado 2014).
struct promotion_options {
  double min_sortino = 1.2;         ///< OOS Sortino ≥ this ("sortino")
  double min_profit_factor = 1.15;  ///< OOS profit factor ≥ this ("profit_factor"; +inf passes)
  double max_drawdown = 0.06;       ///< OOS max drawdown ≤ this ("max_drawdown")
  double min_dsr = 0.95;            ///< DSR > this (strictly; "dsr"), checked only when trials are known
};

/// Outcome: `to` is the next stage when passed (production stays production), else `from`.
struct promotion_decision {
  bool passed = false;
  deployment_stage from = deployment_stage::candidate;
  deployment_stage to = deployment_stage::candidate;
  std::vector<std::string> failures;  ///< one line per failed or missing check
};

/// Every check must pass; a missing or NaN metric fails its check.
class promotion_gate {
 public:
  /// Throws invalid_argument when a threshold is NaN.
  explicit promotion_gate(promotion_options opt = {}) : opt_(opt) {
    detail::require(!std::isnan(opt.min_sortino) && !std::isnan(opt.min_profit_factor) &&
                        !std::isnan(opt.max_drawdown) && !std::isnan(opt.min_dsr),
                    "promotion_gate: thresholds must not be NaN");
  }

  /// `n_trials`: how many configurations were tried before this one; when known (and > 0) the
  /// DSR check applies, because a Sharpe ratio picked among many trials is inflated.
  promotion_decision evaluate(deployment_stage current, const metrics_record& oos,
                              std::optional<std::size_t> n_trials = std::nullopt) const {
    promotion_decision d;
    d.from = d.to = current;
    check(oos, "sortino", ">=", opt_.min_sortino, [](double v, double t) { return v >= t; }, d);
    check(oos, "profit_factor", ">=", opt_.min_profit_factor, [](double v, double t) { return v >= t; }, d);
    check(oos, "max_drawdown", "<=", opt_.max_drawdown, [](double v, double t) { return v <= t; }, d);
    if (n_trials && *n_trials > 0)
      check(oos, "dsr", ">", opt_.min_dsr, [](double v, double t) { return v > t; }, d);
    d.passed = d.failures.empty();
    if (d.passed && current != deployment_stage::production)
      d.to = current == deployment_stage::candidate ? deployment_stage::staging : deployment_stage::production;
    return d;
  }

 private:
  template <class Cmp>
  static void check(const metrics_record& m, std::string_view name, std::string_view op, double threshold, Cmp cmp,
                    promotion_decision& d) {
    const auto v = m.get(name);
    if (!v || std::isnan(*v))
      d.failures.push_back(std::string(name) + (v ? " is NaN" : " is missing") + "; expected " + std::string(op) +
                           " " + std::to_string(threshold));
    else if (!cmp(*v, threshold))
      d.failures.push_back(std::string(name) + " " + std::to_string(*v) + " fails " + std::string(op) + " " +
                           std::to_string(threshold));
  }
  promotion_options opt_;
};

}  // namespace embargo

#endif
