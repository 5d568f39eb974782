// embargo: ready-made metric sets. return_metrics is what `embargo metrics` prints and what the
// research pipeline reports per model, per fold and per regime; rolling_return_metrics leaves
// out the order statistics (VaR, CVaR, tail ratio) and durations, which a window would have to
// recompute from scratch at every step.
#ifndef EMBARGO_METRICS_STANDARD_SETS_HPP
#define EMBARGO_METRICS_STANDARD_SETS_HPP

#include <embargo/metrics/annual_return.hpp>
#include <embargo/metrics/average_win_loss.hpp>
#include <embargo/metrics/calmar.hpp>
#include <embargo/metrics/consistency.hpp>
#include <embargo/metrics/count.hpp>
#include <embargo/metrics/downside_risk.hpp>
#include <embargo/metrics/drawdown_duration.hpp>
#include <embargo/metrics/kurtosis.hpp>
#include <embargo/metrics/max_drawdown.hpp>
#include <embargo/metrics/mean.hpp>
#include <embargo/metrics/metric_set.hpp>
#include <embargo/metrics/omega.hpp>
#include <embargo/metrics/profit_factor.hpp>
#include <embargo/metrics/sharpe.hpp>
#include <embargo/metrics/skewness.hpp>
#include <embargo/metrics/sortino.hpp>
#include <embargo/metrics/stability.hpp>
#include <embargo/metrics/tail_ratio.hpp>
#include <embargo/metrics/value_at_risk.hpp>
#include <embargo/metrics/volatility.hpp>
#include <embargo/metrics/win_rate.hpp>

namespace embargo {

using return_metrics =
    metric_set<tag::count, tag::mean, tag::volatility, tag::annual_volatility, tag::sharpe, tag::sortino,
               tag::downside_risk, tag::annual_return, tag::cumulative_return, tag::max_drawdown,
               tag::max_drawdown_duration, tag::current_drawdown_duration, tag::calmar, tag::profit_factor, tag::omega,
               tag::win_rate, tag::consistency, tag::average_win, tag::average_loss, tag::skewness, tag::kurtosis,
               tag::excess_kurtosis, tag::stability, tag::value_at_risk, tag::conditional_value_at_risk,
               tag::tail_ratio>;

using rolling_return_metrics =
    metric_set<tag::count, tag::mean, tag::volatility, tag::sharpe, tag::sortino, tag::annual_return,
               tag::max_drawdown, tag::profit_factor, tag::win_rate>;

}  // namespace embargo

#endif
