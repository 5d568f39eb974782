// embargo: exponentially weighted volatility of simple returns, exactly as pandas computes
// `close.pct_change().ewm(span=S).std()` (adjust=True, bias=False) and as mlfinlab's
// get_daily_vol does on bar returns. The barrier target of the triple-barrier labeler.
#ifndef EMBARGO_FEATURES_EWM_VOLATILITY_HPP
#define EMBARGO_FEATURES_EWM_VOLATILITY_HPP

#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/huge_pages.hpp>
#include <embargo/core/price_checks.hpp>
#include <embargo/features/pandas_ewm_std.hpp>

namespace embargo {

struct ewm_volatility_options {
  double span = 100;  ///< decay alpha = 2 / (span + 1); span >= 1
};

/// EWM standard deviation of r_t = close_t / close_{t-1} - 1.
///
/// With weights w_i = (1 - alpha)^(t - i) over the returns so far, the weighted variance is
/// corrected for bias by (Σw)² / ((Σw)² - Σw²) (pandas `ewmcov`, bias=False). The result is
/// pandas' online recurrence bit for bit (features/pandas_ewm_std.hpp runs it on several
/// segments at once). Result[t] is NaN at t = 0 (no return) and t = 1 (one return: the corrected
/// variance is undefined), then finite. Precondition: every close finite and > 0 (throws
/// data_error naming the bar).
inline std::vector<double> ewm_volatility(std::span<const double> close, ewm_volatility_options opt = {}) {
  if (!(opt.span >= 1.0)) throw invalid_argument("ewm_volatility: span must be >= 1, got " + std::to_string(opt.span));
  const std::size_t n = close.size();
  detail::check_prices("ewm_volatility", "close", close);
  auto out = detail::filled_large(n, std::numeric_limits<double>::quiet_NaN());
  if (n < 2) return out;
  // The returns are written where their volatility goes and overwritten in place: no second
  // array (fresh pages cost as much as the recurrence). A segment recomputed serially rereads
  // its returns from the closes.
  const auto ret = [close](std::size_t i) { return close[i + 1] / close[i] - 1.0; };
  double* r = out.data() + 1;
  for (std::size_t i = 0; i + 1 < n; ++i) r[i] = ret(i);
  detail::pandas_ewm_std_into(r, r, n - 1, opt.span, ret);
  return out;
}

}  // namespace embargo

#endif
