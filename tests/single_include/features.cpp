// features.hpp alone: EWM volatility (pandas' recurrence), RSI, SMA and MACD on a random walk.
#include <embargo/features.hpp>

#include <cstdio>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  const auto close = single_test::price_path(1500, 51);
  const auto vol = embargo::ewm_volatility(close, {.span = 20});
  const auto rsi = embargo::rsi(close, 14);
  const auto sma = embargo::sma(close, 30);
  const auto m = embargo::macd(close);
  require(vol.size() == close.size() && rsi.size() == close.size(), "one value per bar");
  for (std::size_t t = 50; t < close.size(); t += 97)
    std::printf("t %zu vol %.17g rsi %.17g sma %.17g macd %.17g\n", t, vol[t], rsi[t], sma[t], m.macd[t]);
}
