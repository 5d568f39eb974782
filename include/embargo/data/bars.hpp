// embargo: OHLCV bars of one symbol, and a panel of symbols.
#ifndef EMBARGO_DATA_BARS_HPP
#define EMBARGO_DATA_BARS_HPP

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/time.hpp>

namespace embargo {

/// Bars of one symbol as columns (structure of arrays), so each column is a std::span<const
/// double> for the components that read it. All columns have size() elements.
struct bars {
  std::string symbol;
  std::vector<timestamp> time;  ///< UTC seconds, strictly increasing
  std::vector<double> open, high, low, close, volume;

  std::size_t size() const noexcept { return close.size(); }
  bool empty() const noexcept { return close.empty(); }
  void reserve(std::size_t n) {
    time.reserve(n), open.reserve(n), high.reserve(n), low.reserve(n), close.reserve(n), volume.reserve(n);
  }
  void push_back(timestamp t, double o, double h, double l, double c, double v) {
    time.push_back(t), open.push_back(o), high.push_back(h), low.push_back(l), close.push_back(c),
        volume.push_back(v);
  }
};

/// Several symbols, in the order they first appeared.
struct panel {
  std::vector<bars> symbols;

  std::size_t size() const noexcept { return symbols.size(); }
  const bars* find(const std::string& name) const noexcept {
    for (const auto& b : symbols)
      if (b.symbol == name) return &b;
    return nullptr;
  }
};

/// The range of prices a bar may hold. Beyond it, the squares and products that features and
/// volatility estimators take of prices overflow to inf (or underflow to 0); no market quotes
/// outside it.
inline constexpr double min_price = 1e-100, max_price = 1e100;

/// Why a bar is invalid, or nullptr when it is fine. The strict rules every reader applies:
/// finite positive prices in [min_price, max_price], high >= max(open, close),
/// low <= min(open, close), finite volume >= 0.
inline const char* bar_problem(double o, double h, double l, double c, double v) noexcept {
  const auto bad_price = [](double p) { return !std::isfinite(p) || p <= 0.0; };
  if (bad_price(o)) return "open is not a finite positive price";
  if (bad_price(h)) return "high is not a finite positive price";
  if (bad_price(l)) return "low is not a finite positive price";
  if (bad_price(c)) return "close is not a finite positive price";
  const auto out_of_range = [](double p) { return p < min_price || p > max_price; };
  if (out_of_range(o) || out_of_range(h) || out_of_range(l) || out_of_range(c))
    return "a price is outside [1e-100, 1e100], where squares of prices would overflow";
  if (h < o || h < c) return "high is below max(open, close)";
  if (l > o || l > c) return "low is above min(open, close)";
  if (!std::isfinite(v) || v < 0.0) return "volume is not a finite non-negative number";
  return nullptr;
}

/// Checks every invariant of `b` (column sizes, the bar rules above, strictly increasing time).
/// Throws data_error naming the symbol and bar index.
inline void validate_bars(const bars& b) {
  const std::size_t n = b.close.size();
  if (n == 0) throw data_error("bars '" + b.symbol + "': empty series");
  if (b.time.size() != n || b.open.size() != n || b.high.size() != n || b.low.size() != n || b.volume.size() != n)
    throw data_error("bars '" + b.symbol + "': columns have different lengths");
  for (std::size_t i = 0; i < n; ++i) {
    if (const char* p = bar_problem(b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]))
      throw data_error("bars '" + b.symbol + "'[" + std::to_string(i) + "]: " + p);
    if (i > 0 && b.time[i] <= b.time[i - 1])
      throw data_error("bars '" + b.symbol + "'[" + std::to_string(i) + "]: timestamp " + format_timestamp(b.time[i]) +
                       " is not after " + format_timestamp(b.time[i - 1]) +
                       (b.time[i] == b.time[i - 1] ? " (duplicate)" : " (unsorted)"));
  }
}

}  // namespace embargo

#endif
