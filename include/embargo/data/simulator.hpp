// embargo: the built-in market simulator, the default data of `embargo demo` and of the tests.
// A market-wide Markov chain over five regimes (low-vol, normal, high-vol, crash, recovery)
// drives every symbol: r = beta·(mu + 0.6σ·z_market) + 0.4σ·z_sector + 0.6σ·z_own + jump, with
// σ and mu of the current regime. Open gaps from the previous close, high/low extend beyond
// max/min(open, close), volume scales with the regime's volatility and the bar's move.
// Deterministic from the seed on every platform: SplitMix64 streams and our own Box–Muller,
// one stream per (seed, symbol, variable), so the first k bars of an n-bar run equal a k-bar run.
#ifndef EMBARGO_DATA_SIMULATOR_HPP
#define EMBARGO_DATA_SIMULATOR_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/random.hpp>
#include <embargo/core/regime.hpp>
#include <embargo/data/bars.hpp>
#include <embargo/core/time.hpp>

namespace embargo {

/// Per-regime parameters, indexed by regime (low_vol, normal, high_vol, crash, recovery).
/// Drift, volatility and jump probability are per day (log returns); bars of another length
/// scale them by f = bar_seconds / 86400 (drift·f, vol·√f, probability·f) so that minute bars
/// do not compound a daily drift a million times. Transition probabilities are per bar.
struct regime_parameters {
  std::array<double, regime_count> drift = {0.0005, 0.0003, -0.0002, -0.008, 0.004};
  std::array<double, regime_count> vol = {0.006, 0.011, 0.022, 0.035, 0.02};
  std::array<double, regime_count> jump_probability = {0.002, 0.004, 0.01, 0.05, 0.01};
  std::array<double, regime_count> jump_mean = {0.0, 0.0, -0.01, -0.04, 0.01};
  std::array<double, regime_count> jump_scale = {0.01, 0.015, 0.03, 0.05, 0.03};
  /// Row-stochastic transition matrix (from-regime rows). Expected stays: 67, 80, 30, 10, 20 bars.
  std::array<std::array<double, regime_count>, regime_count> transition = {{
      {0.985, 0.012, 0.003, 0.0, 0.0},
      {0.006, 0.9875, 0.0055, 0.001, 0.0},
      {0.003, 0.02, 0.967, 0.01, 0.0},
      {0.0, 0.0, 0.0, 0.9, 0.1},
      {0.005, 0.04, 0.005, 0.0, 0.95},
  }};
};

struct simulator_options {
  std::size_t n_symbols = 8;
  std::size_t n_bars = 1000;
  std::uint64_t seed = 42;
  std::size_t n_sectors = 4;
  timestamp start = days_since_epoch(2015, 1, 5) * 86400;  // a Monday
  std::int64_t bar_seconds = 86400;
  bool skip_weekends = true;  ///< daily bars only: Saturdays and Sundays are not trading days
  regime initial_regime = regime::normal;
  regime_parameters params{};
};

/// Bars plus the ground truth a test or a report can compare against.
struct simulated_market {
  panel bars;
  std::vector<regime> true_regime;  ///< market-wide regime per bar
  std::vector<std::size_t> sector;  ///< sector of each symbol
  std::vector<double> beta;         ///< market beta of each symbol
};

namespace detail {
enum sim_stream : std::uint64_t {
  s_regime = 1, s_market, s_sector, s_own = 16, s_jump_u, s_jump_z, s_gap, s_high, s_low, s_volume, s_static
};

inline std::vector<timestamp> simulated_times(const simulator_options& o) {
  std::vector<timestamp> t(o.n_bars);
  const bool weekdays = o.skip_weekends && o.bar_seconds == 86400;
  timestamp cur = o.start;
  for (std::size_t i = 0; i < o.n_bars; ++i) {
    if (weekdays)
      while (weekday_utc(cur) >= 5) cur += 86400;
    t[i] = cur;
    cur += o.bar_seconds;
  }
  return t;
}
}  // namespace detail

/// Simulates a market. Throws invalid_argument for zero symbols or bars, or a transition row
/// that does not sum to 1.
inline simulated_market simulate_market(const simulator_options& o) {
  if (o.n_symbols == 0) throw invalid_argument("simulate_market: n_symbols must be at least 1");
  if (o.n_bars == 0) throw invalid_argument("simulate_market: n_bars must be at least 1");
  if (o.n_sectors == 0) throw invalid_argument("simulate_market: n_sectors must be at least 1");
  if (o.bar_seconds <= 0) throw invalid_argument("simulate_market: bar_seconds must be positive");
  const auto& p = o.params;
  for (std::size_t r = 0; r < regime_count; ++r) {
    double s = 0;
    for (double x : p.transition[r]) {
      if (!(x >= 0)) throw invalid_argument("simulate_market: negative transition probability");
      s += x;
    }
    if (std::abs(s - 1.0) > 1e-9)
      throw invalid_argument("simulate_market: transition row " + std::string(to_string(static_cast<regime>(r))) +
                             " sums to " + std::to_string(s) + ", expected 1");
  }
  const std::size_t n = o.n_bars;
  simulated_market m;
  m.true_regime.resize(n);

  // Market-wide state: regime chain and market factor.
  splitmix64 g_reg(derive_seed(o.seed, 0, detail::s_regime));
  splitmix64 g_mkt(derive_seed(o.seed, 0, detail::s_market));
  std::vector<double> z_market(n);
  std::size_t s = index(o.initial_regime);
  for (std::size_t t = 0; t < n; ++t) {
    if (t > 0) {
      const double u = g_reg.uniform();
      double acc = 0;
      std::size_t next = regime_count - 1;
      for (std::size_t k = 0; k < regime_count; ++k) {
        acc += p.transition[s][k];
        if (u < acc) {
          next = k;
          break;
        }
      }
      s = next;
    }
    m.true_regime[t] = static_cast<regime>(s);
    z_market[t] = standard_normal(g_mkt);
  }
  std::vector<std::vector<double>> z_sector(o.n_sectors, std::vector<double>(n));
  for (std::size_t k = 0; k < o.n_sectors; ++k) {
    splitmix64 g(derive_seed(o.seed, 1000000 + k, detail::s_sector));
    for (auto& z : z_sector[k]) z = standard_normal(g);
  }

  const auto times = detail::simulated_times(o);
  m.bars.symbols.resize(o.n_symbols);
  m.sector.resize(o.n_symbols);
  m.beta.resize(o.n_symbols);
  for (std::size_t i = 0; i < o.n_symbols; ++i) {
    splitmix64 g_static(derive_seed(o.seed, i + 1, detail::s_static));
    splitmix64 g_own(derive_seed(o.seed, i + 1, detail::s_own)), g_ju(derive_seed(o.seed, i + 1, detail::s_jump_u)),
        g_jz(derive_seed(o.seed, i + 1, detail::s_jump_z)), g_gap(derive_seed(o.seed, i + 1, detail::s_gap)),
        g_hi(derive_seed(o.seed, i + 1, detail::s_high)), g_lo(derive_seed(o.seed, i + 1, detail::s_low)),
        g_vol(derive_seed(o.seed, i + 1, detail::s_volume));
    const double beta = 0.6 + 0.8 * g_static.uniform();
    const double start_price = 20.0 * std::exp(2.3 * g_static.uniform());        // 20 .. 200
    const double base_volume = 1e5 * std::exp(4.6 * g_static.uniform());         // 1e5 .. 1e7 shares
    const std::size_t sector = i % o.n_sectors;
    m.sector[i] = sector, m.beta[i] = beta;

    bars& b = m.bars.symbols[i];
    char name[32];
    std::snprintf(name, sizeof name, "SIM%03zu", i);
    b.symbol = name;
    b.reserve(n);
    double prev_close = start_price;
    const double normal_vol = p.vol[index(regime::normal)];
    const double f = static_cast<double>(o.bar_seconds) / 86400.0, root_f = std::sqrt(f);
    for (std::size_t t = 0; t < n; ++t) {
      const std::size_t r = index(m.true_regime[t]);
      const double sig = p.vol[r] * root_f;
      double ret = beta * (p.drift[r] * f + 0.6 * sig * z_market[t]) + 0.4 * sig * z_sector[sector][t] +
                   0.6 * sig * standard_normal(g_own);
      const double ju = g_ju.uniform();
      const double jz = standard_normal(g_jz);
      if (ju < p.jump_probability[r] * f) ret += p.jump_mean[r] + p.jump_scale[r] * jz;
      const double gap = 0.1 * sig * standard_normal(g_gap);
      const double hi = std::abs(0.5 * sig * standard_normal(g_hi));
      const double lo = std::abs(0.5 * sig * standard_normal(g_lo));
      const double vz = standard_normal(g_vol);
      const double open = t == 0 ? start_price : prev_close * std::exp(gap);
      const double close = t == 0 ? start_price * std::exp(ret) : prev_close * std::exp(ret);
      const double high = std::max(open, close) * std::exp(hi);
      const double low = std::min(open, close) * std::exp(-lo);
      const double volume = std::round(base_volume * f * (p.vol[r] / normal_vol) * (1.0 + 20.0 * std::abs(ret)) *
                                       std::exp(0.3 * vz));
      if (!(std::isfinite(close) && close > 0 && std::isfinite(high) && low > 0))
        throw invalid_argument("simulate_market: prices left the range of double at bar " + std::to_string(t) +
                               " of symbol " + std::to_string(i) + " (drift too large for this many bars)");
      b.push_back(times[t], open, high, low, close, volume);
      prev_close = close;
    }
  }
  return m;
}

}  // namespace embargo

#endif
