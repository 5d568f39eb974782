// embargo: volatility targets for barriers: mlfinlab's get_daily_vol (EWM std of returns over the
// last bar more than one day back, AFML snippet 3.1) and the bar-based variant (EWM std of
// h-bar returns). Both keep bar positions: result[t] belongs to bar t, NaN where undefined.
#ifndef EMBARGO_EVENTS_DAILY_VOLATILITY_HPP
#define EMBARGO_EVENTS_DAILY_VOLATILITY_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/huge_pages.hpp>
#include <embargo/core/price_checks.hpp>
#include <embargo/features/pandas_ewm_std.hpp>

namespace embargo {

struct daily_volatility_options {
  double span = 100;                 ///< EWM span (alpha = 2/(span+1)); mlfinlab's `lookback`
  std::int64_t lag_seconds = 86400;  ///< how far back the reference bar lies (one day)
};

struct horizon_volatility_options {
  std::size_t horizon = 1;  ///< return horizon in bars, >= 1
  double span = 100;        ///< EWM span, >= 1
};

namespace detail {
// pandas ewm(span).std() of the values x[k] written to out[pos[k]] (NaN-initialised).
inline void ewm_std_into(std::span<const double> x, std::span<const std::size_t> pos, double span,
                         std::vector<double>& out) {
  std::vector<double> s(x.size());
  pandas_ewm_std(x, span, s);
  for (std::size_t k = 0; k < pos.size(); ++k) out[pos[k]] = s[k];
}
}  // namespace detail

/// mlfinlab get_daily_vol (AFML snippet 3.1), kept on the bar grid.
///
/// For bar t the reference is the last bar strictly before time[t] - lag (pandas
/// searchsorted(left) minus one); bars without one are NaN. r_t = close[t]/close[ref] - 1 and the
/// result is pandas ewm(span).std() of the r_t in bar order, so the first defined bar is NaN too.
/// On daily bars the "daily" return spans two bars (the bar exactly one day back is excluded by the
/// strict search): tests/data/daily_vol_mlfinlab.json. Preconditions: time strictly increasing,
/// sizes equal, closes finite and > 0, span >= 1, lag > 0.
inline std::vector<double> daily_volatility(std::span<const std::int64_t> time, std::span<const double> close,
                                            daily_volatility_options opt = {}) {
  detail::require(opt.span >= 1.0, "daily_volatility: span must be >= 1, got " + std::to_string(opt.span));
  detail::require(opt.lag_seconds > 0, "daily_volatility: lag_seconds must be > 0");
  detail::require(time.size() == close.size(), "daily_volatility: " + std::to_string(time.size()) +
                                                   " timestamps for " + std::to_string(close.size()) + " closes");
  detail::check_prices("daily_volatility", "close", close);
  for (std::size_t i = 1; i < time.size(); ++i)
    if (time[i] <= time[i - 1])
      throw data_error("daily_volatility: time[" + std::to_string(i) + "] is not after time[" + std::to_string(i - 1) + "]");
  const std::size_t n = close.size();
  auto out = detail::filled_large(n, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> r;
  std::vector<std::size_t> pos;
  std::size_t j = 0;  // first bar with time >= time[t] - lag; monotone in t
  for (std::size_t t = 0; t < n; ++t) {
    const std::int64_t ref_time = time[t] - opt.lag_seconds;
    while (j < n && time[j] < ref_time) ++j;
    if (j == 0) continue;
    r.push_back(close[t] / close[j - 1] - 1.0);
    pos.push_back(t);
  }
  detail::ewm_std_into(r, pos, opt.span, out);
  return out;
}

/// The bar-based variant (spec [REC]): EWM std (pandas, span, bias-corrected) of the h-bar simple
/// returns r_t = close[t]/close[t-h] - 1, t >= h. Result NaN for t <= h. With h = 1 this equals
/// ewm_volatility (features/ewm_volatility.hpp). Preconditions: h >= 1, span >= 1, closes > 0.
inline std::vector<double> horizon_volatility(std::span<const double> close, horizon_volatility_options opt = {}) {
  detail::require(opt.horizon >= 1, "horizon_volatility: horizon must be >= 1 bar");
  detail::require(opt.span >= 1.0, "horizon_volatility: span must be >= 1, got " + std::to_string(opt.span));
  detail::check_prices("horizon_volatility", "close", close);
  const std::size_t n = close.size();
  auto out = detail::filled_large(n, std::numeric_limits<double>::quiet_NaN());
  if (n <= opt.horizon) return out;
  std::vector<double> r(n - opt.horizon);
  for (std::size_t t = opt.horizon; t < n; ++t) r[t - opt.horizon] = close[t] / close[t - opt.horizon] - 1.0;
  pandas_ewm_std(r, opt.span, std::span<double>(out).subspan(opt.horizon));
  return out;
}

}  // namespace embargo

#endif
