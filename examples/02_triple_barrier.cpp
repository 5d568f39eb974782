// Example 02: sample events with a CUSUM filter and label them with the triple barrier. Labels
// only where something happened (a cumulative move of two daily volatilities) rather than on
// every bar, because neighbouring bars would give near-duplicate, heavily overlapping samples.
// Barriers scale with the volatility at the event, so a calm and a stormy market are labelled
// by the same rule: +1 profit-take, -1 stop-loss, 0 the vertical barrier came first.
#include <cmath>
#include <cstdio>
#include <vector>

#include <embargo/data.hpp>
#include <embargo/events.hpp>
#include <embargo/features.hpp>
#include <embargo/labelers.hpp>

int main() {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 1500, .seed = 5});
  const auto& bars = market.bars.symbols.front();
  const auto vol = embargo::ewm_volatility(bars.close, {.span = 50});

  // The threshold at bar t must be known before t closes: use the volatility up to t - 1.
  // No event fires in the first 20 bars (an unreachable threshold): the volatility would rest on
  // too few returns to set barriers.
  std::vector<double> h(bars.size(), 1e9);
  for (std::size_t t = 20; t < bars.size(); ++t) h[t] = 2 * vol[t - 1];
  const auto t0 = embargo::cusum_filter(bars.close, h);

  // Take profit or stop at 2 volatilities, give up after 10 bars; highs and lows count, so an
  // intrabar stop is not missed because the bar closed back inside the barriers.
  const auto labels = embargo::triple_barrier({.close = bars.close, .high = bars.high, .low = bars.low}, t0, vol,
                                              {.pt = 2, .sl = 2, .vertical_bars = 10});
  std::size_t up = 0, down = 0, timed_out = 0, censored = 0, both = 0, held = 0;
  for (const auto& l : labels) {
    up += l.label == 1;
    down += l.label == -1;
    timed_out += l.label == 0 && !l.censored;
    censored += l.censored;
    both += l.both_touched;
    held += l.t1 - l.t0;
  }
  std::printf("%zu bars, %zu CUSUM events, %zu labels\n", bars.size(), t0.size(), labels.size());
  std::printf("labels: %zu profit-take (+1), %zu stop-loss (-1), %zu vertical (0), %zu censored at the end\n", up, down,
              timed_out, censored);
  std::printf("%zu stops where one bar crossed both barriers (counted as the stop), mean holding %.1f bars\n", both,
              static_cast<double>(held) / static_cast<double>(labels.size()));

  std::printf("%-10s %4s %4s %7s %8s %s\n", "date", "t0", "t1", "target", "return", "label");
  for (std::size_t k = 0; k < labels.size(); k += labels.size() / 6) {
    const auto& l = labels[k];
    std::printf("%-10s %4zu %4zu %6.2f%% %7.2f%% %5d\n", embargo::format_timestamp(bars.time[l.t0], true).c_str(), l.t0,
                l.t1, 100 * l.target, 100 * l.ret, l.label);
  }
}
