// embargo: umbrella header of the metric accumulators (metrics/): metric_set<tag...> with its
// states and statistics, the rolling / expanding / grouped adaptors, and the accumulators over
// model outputs (classification, regression) and portfolio weights (turnover).
// Each header also stands alone.
#ifndef EMBARGO_METRICS_HPP
#define EMBARGO_METRICS_HPP

#include <embargo/metrics/annual_return.hpp>
#include <embargo/metrics/average_win_loss.hpp>
#include <embargo/metrics/calmar.hpp>
#include <embargo/metrics/classification.hpp>
#include <embargo/metrics/consistency.hpp>
#include <embargo/metrics/count.hpp>
#include <embargo/metrics/downside_risk.hpp>
#include <embargo/metrics/drawdown_duration.hpp>
#include <embargo/metrics/grouped.hpp>
#include <embargo/metrics/kurtosis.hpp>
#include <embargo/metrics/max_drawdown.hpp>
#include <embargo/metrics/mean.hpp>
#include <embargo/metrics/metric_set.hpp>
#include <embargo/metrics/omega.hpp>
#include <embargo/metrics/options.hpp>
#include <embargo/metrics/parallel.hpp>
#include <embargo/metrics/profit_factor.hpp>
#include <embargo/metrics/regression.hpp>
#include <embargo/metrics/rolling.hpp>
#include <embargo/metrics/sharpe.hpp>
#include <embargo/metrics/skewness.hpp>
#include <embargo/metrics/sortino.hpp>
#include <embargo/metrics/stability.hpp>
#include <embargo/metrics/standard_sets.hpp>
#include <embargo/metrics/tail_ratio.hpp>
#include <embargo/metrics/turnover.hpp>
#include <embargo/metrics/value_at_risk.hpp>
#include <embargo/metrics/volatility.hpp>
#include <embargo/metrics/win_rate.hpp>

#endif
