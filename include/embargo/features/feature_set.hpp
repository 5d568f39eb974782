// embargo: a named feature set ("sma20,ema12,rsi14,...") computed into columns, and its
// stable hash for the run manifest. Names carry their parameters, so the hash of the names
// plus the feature code version identifies exactly what was computed.
#ifndef EMBARGO_FEATURES_FEATURE_SET_HPP
#define EMBARGO_FEATURES_FEATURE_SET_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/fnv.hpp>
#include <embargo/data/bars.hpp>
#include <embargo/features/atr.hpp>
#include <embargo/features/bollinger.hpp>
#include <embargo/features/ema.hpp>
#include <embargo/features/macd.hpp>
#include <embargo/features/returns.hpp>
#include <embargo/features/rsi.hpp>
#include <embargo/features/scalers.hpp>
#include <embargo/features/sma.hpp>
#include <embargo/features/volatility.hpp>
#include <embargo/features/volume.hpp>

namespace embargo {

/// Bumped whenever a feature's formula changes, so old manifests' hashes stop matching.
inline constexpr std::string_view feature_code_version = "features-1";

/// Columns of named features over one symbol's bars; columns[j][t] is feature names[j] at bar t.
struct feature_matrix {
  std::vector<std::string> names;
  feature_columns columns;
};

namespace detail {
// "sma20" with prefix "sma" -> 20; nullopt-like 0 when the rest is not all digits.
inline bool parse_suffix(std::string_view name, std::string_view prefix, std::size_t& n) {
  if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) return false;
  std::size_t v = 0;
  for (char c : name.substr(prefix.size())) {
    if (c < '0' || c > '9') return false;
    if (v > 1'000'000) return false;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  n = v;
  return true;
}
inline std::size_t positive(std::string_view name, std::size_t n) {
  if (n == 0) throw invalid_argument("feature '" + std::string(name) + "': window must be >= 1");
  return n;
}
}  // namespace detail

/// Splits "a,b,c" into names (spaces trimmed); throws invalid_argument on an empty name.
inline std::vector<std::string> parse_feature_list(std::string_view list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    std::string_view s = list.substr(start, comma - start);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) throw invalid_argument("feature list: empty name at position " + std::to_string(start));
    out.emplace_back(s);
    start = comma + 1;
  }
  return out;
}

/// Computes one named feature over bars b. Names (n, k, l >= 1 are integers in the name):
///   sma<n> ema<n> rsi<n> atr<n> tr macd macd_signal (12, 26, 9) bb_dn<n> bb_mavg<n> bb_up<n>
///   bb_pctb<n> bb_width<n> (k = 2) ret<k> lag_ret<k>_<l> vol<n> parkinson<n> gk<n>
///   volume_ratio<n> dollar_volume close log_close
/// Every feature is causal: value t reads bars 0..t. Throws invalid_argument for an unknown
/// name or a zero window, data_error for bad prices.
inline std::vector<double> compute_feature(const bars& b, std::string_view name) {
  std::size_t n = 0;
  const std::span<const double> o = b.open, h = b.high, l = b.low, c = b.close, v = b.volume;
  detail::check_prices("compute_feature", "close", c);  // also for sma/ema, which accept any series
  if (name == "tr") return true_range(h, l, c);
  if (name == "macd") return macd(c).macd;
  if (name == "macd_signal") return macd(c).signal;
  if (name == "dollar_volume") return dollar_volume(c, v);
  if (name == "close") {
    detail::check_prices("close", "close", c);
    return {c.begin(), c.end()};
  }
  if (name == "log_close") {
    detail::check_prices("log_close", "close", c);
    std::vector<double> r(c.size());
    for (std::size_t t = 0; t < c.size(); ++t) r[t] = std::log(c[t]);
    return r;
  }
  if (name.starts_with("lag_ret")) {
    const auto us = name.find('_', 7);
    std::size_t k = 0, lg = 0;
    if (us != std::string_view::npos && detail::parse_suffix(name.substr(0, us), "lag_ret", k) &&
        detail::parse_suffix(name.substr(us), "_", lg))
      return lag(simple_returns(c, detail::positive(name, k)), detail::positive(name, lg));
    throw invalid_argument("feature '" + std::string(name) + "': expected lag_ret<k>_<lag>, e.g. lag_ret1_2");
  }
  if (detail::parse_suffix(name, "sma", n)) return sma(c, detail::positive(name, n));
  if (detail::parse_suffix(name, "ema", n)) return ema(c, detail::positive(name, n));
  if (detail::parse_suffix(name, "rsi", n)) return rsi(c, detail::positive(name, n));
  if (detail::parse_suffix(name, "atr", n)) return atr(h, l, c, detail::positive(name, n));
  if (detail::parse_suffix(name, "bb_dn", n)) return bollinger(c, {.n = detail::positive(name, n)}).dn;
  if (detail::parse_suffix(name, "bb_mavg", n)) return bollinger(c, {.n = detail::positive(name, n)}).mavg;
  if (detail::parse_suffix(name, "bb_up", n)) return bollinger(c, {.n = detail::positive(name, n)}).up;
  if (detail::parse_suffix(name, "bb_pctb", n)) return bollinger(c, {.n = detail::positive(name, n)}).pctb;
  if (detail::parse_suffix(name, "bb_width", n)) return bollinger(c, {.n = detail::positive(name, n)}).width;
  if (detail::parse_suffix(name, "ret", n)) return simple_returns(c, detail::positive(name, n));
  if (detail::parse_suffix(name, "vol", n)) {
    if (n < 2) throw invalid_argument("feature '" + std::string(name) + "': window must be >= 2");
    return rolling_volatility(c, n);
  }
  if (detail::parse_suffix(name, "parkinson", n)) return parkinson_volatility(h, l, detail::positive(name, n));
  if (detail::parse_suffix(name, "gk", n)) return garman_klass_volatility(o, h, l, c, detail::positive(name, n));
  if (detail::parse_suffix(name, "volume_ratio", n)) return volume_ratio(v, detail::positive(name, n));
  throw invalid_argument("unknown feature '" + std::string(name) +
                         "' (known: sma<n> ema<n> rsi<n> atr<n> tr macd macd_signal bb_dn<n> bb_mavg<n> bb_up<n> "
                         "bb_pctb<n> bb_width<n> ret<k> lag_ret<k>_<l> vol<n> parkinson<n> gk<n> volume_ratio<n> "
                         "dollar_volume close log_close)");
}

/// All named features over bars b, in the order given.
inline feature_matrix compute_features(const bars& b, const std::vector<std::string>& names) {
  feature_matrix m;
  m.names = names;
  m.columns.reserve(names.size());
  for (const auto& nm : names) m.columns.push_back(compute_feature(b, nm));
  return m;
}

/// FNV-1a 64 of feature_code_version and the names in order (NUL-separated), as 16 hex digits.
/// Stable across platforms and runs; changes when a name, a parameter, the order or the
/// feature code version changes.
inline std::string feature_set_hash(const std::vector<std::string>& names) {
  constexpr std::string_view nul("\0", 1);  // after each name, so {"ab","c"} != {"a","bc"}
  std::uint64_t h = fnv1a64(nul, fnv1a64(feature_code_version));
  for (const auto& nm : names) h = fnv1a64(nul, fnv1a64(nm, h));
  return hex16(h);
}

}  // namespace embargo

#endif
