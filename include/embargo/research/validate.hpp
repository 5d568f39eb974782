// embargo: domain checks of a research configuration, run before any data is read. Each failure
// is a config_error naming the dotted key ("labels.pt: must be >= 0 (got -1)"); finiteness is
// checked for every double by walking the Hana declaration in research/options.hpp.
#ifndef EMBARGO_RESEARCH_VALIDATE_HPP
#define EMBARGO_RESEARCH_VALIDATE_HPP

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/core/to.hpp>
#include <boost/hana/string.hpp>

#include <embargo/core/enum_names.hpp>
#include <embargo/core/error.hpp>
#include <embargo/research/options.hpp>

namespace embargo::research {

/// A configuration value outside its domain. `key()` is the dotted key path ("labels.pt",
/// "regimes.shares[2]"); what() is "<key>: <problem>".
class config_error : public invalid_argument {
 public:
  config_error(std::string key, const std::string& problem)
      : invalid_argument(key + ": " + problem), key_(std::move(key)) {}
  const std::string& key() const noexcept { return key_; }

 private:
  std::string key_;
};


namespace detail {

template <class T>
struct is_std_array : std::false_type {};
template <class T, std::size_t N>
struct is_std_array<std::array<T, N>> : std::true_type {};

template <class T>
struct is_std_vector : std::false_type {};
template <class T, class A>
struct is_std_vector<std::vector<T, A>> : std::true_type {};

template <class T>
inline constexpr bool is_config_struct = boost::hana::Struct<T>::value;

template <class>
inline constexpr bool dependent_false = false;

/// "labels" + "pt" -> "labels.pt"; "" + "seed" -> "seed".
inline std::string join_key(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

/// A number as a person writes it: the shortest text that reads back the same double, in fixed
/// notation unless tiny or huge (2, 0.0005, 10000000, 1e-09, nan, inf).
inline std::string show_number(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  const double a = std::abs(v);
  const bool fixed = a == 0 || (a >= 1e-6 && a < 1e16);
  char buf[64];
  const auto r = fixed ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                       : std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
template <class T>
std::string show_number(T v) requires std::is_integral_v<T> {
  return std::to_string(v);
}

/// Calls f(path, field) for every leaf of an adapted struct, in declared order, descending into
/// nested adapted structs; arrays and vectors are leaves.
template <class T, class F>
void for_each_leaf(const T& obj, const std::string& path, F&& f) {
  if constexpr (is_config_struct<T>) {
    boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
      const std::string key = join_key(path, boost::hana::to<const char*>(boost::hana::first(pair)));
      for_each_leaf(boost::hana::second(pair)(obj), key, f);
    });
  } else {
    f(path, obj);
  }
}

// One-line checks: each throws config_error(key, "must be ... (got v)").
inline void check(bool ok, const std::string& key, const std::string& problem) {
  if (!ok) throw config_error(key, problem);
}
template <class T>
void at_least(const std::string& key, T v, std::type_identity_t<T> lo) {
  check(v >= lo, key, "must be >= " + show_number(lo) + " (got " + show_number(v) + ")");
}
template <class T>
void above(const std::string& key, T v, std::type_identity_t<T> lo) {
  check(v > lo, key, "must be > " + show_number(lo) + " (got " + show_number(v) + ")");
}
template <class T>
void at_most(const std::string& key, T v, std::type_identity_t<T> hi) {
  check(v <= hi, key, "must be <= " + show_number(hi) + " (got " + show_number(v) + ")");
}
/// v in the interval lo..hi; `bounds` is "[]", "[)", "(]" or "()" (closed / open ends).
template <class T>
void within(const std::string& key, T v, std::type_identity_t<T> lo, std::type_identity_t<T> hi,
            const char* bounds = "[]") {
  const bool ok = (bounds[0] == '[' ? v >= lo : v > lo) && (bounds[1] == ']' ? v <= hi : v < hi);
  check(ok, key,
        std::string("must be in ") + bounds[0] + show_number(lo) + ", " + show_number(hi) + bounds[1] + " (got " +
            show_number(v) + ")");
}
/// Every element of an array at least lo; the key names the element ("regimes.weights[2]").
template <std::size_t N>
void each_at_least(const std::string& key, const std::array<double, N>& a, double lo) {
  for (std::size_t i = 0; i < N; ++i) at_least(key + "[" + std::to_string(i) + "]", a[i], lo);
}
/// Gate criterion where higher is better (approved >= review) or lower is better (approved <= review).
inline void ordered_pair(const std::string& key, const threshold_pair& p, bool higher_is_better) {
  const bool ok = higher_is_better ? p.approved >= p.review : p.approved <= p.review;
  check(ok, key,
        "approved (" + show_number(p.approved) + ") must be " + (higher_is_better ? ">=" : "<=") + " review (" +
            show_number(p.review) + ")");
}
inline void pair_within(const std::string& key, const threshold_pair& p, double lo, double hi) {
  within(key + ".approved", p.approved, lo, hi);
  within(key + ".review", p.review, lo, hi);
}

/// Every double of the declaration finite, by the generic walk.
inline void check_finite(const research_options& o) {
  for_each_leaf(o, "", [](const std::string& key, const auto& v) {
    using V = std::decay_t<decltype(v)>;
    if constexpr (std::is_floating_point_v<V>) {
      check(std::isfinite(v), key, "must be finite (got " + show_number(v) + ")");
    } else if constexpr (is_std_array<V>::value || is_std_vector<V>::value) {
      if constexpr (std::is_floating_point_v<typename V::value_type>)
        for (std::size_t i = 0; i < v.size(); ++i)
          check(std::isfinite(v[i]), key + "[" + std::to_string(i) + "]",
                "must be finite (got " + show_number(v[i]) + ")");
    }
  });
}

inline void check_models(const models_section& m) {
  // Which names exist depends on the build (XGBoost) and on the caller's own kinds: research_job
  // checks them against its registry. Here: the list's shape.
  check(!m.use.empty(), "models.use", "must name at least one model");
  std::size_t others = 0;
  for (std::size_t i = 0; i < m.use.size(); ++i) {
    const std::string& name = m.use[i];
    check(!name.empty(), "models.use", "a model name is empty");
    for (std::size_t j = 0; j < i; ++j) check(m.use[j] != name, "models.use", "'" + name + "' is listed twice");
    others += name != "consensus";
  }
  const bool consensus = std::find(m.use.begin(), m.use.end(), "consensus") != m.use.end();
  check(!consensus || others >= 2, "models.use", "consensus needs at least two other models (it runs after them)");
}

}  // namespace detail

/// Throws config_error on the first value outside its domain. Order: finiteness of every double,
/// then the sections in declared order.
inline void validate_options(const research_options& o) {
  using namespace detail;
  check_finite(o);
  above("periods_per_year", o.periods_per_year, 0.0);
  at_most("threads", o.threads, max_threads_per_core * 64u);  // hard limit; the job caps further

  const auto& in = o.integrity;
  at_least("integrity.interval_seconds", in.interval_seconds, 0);
  at_least("integrity.max_fill", in.max_fill, 0);
  at_least("integrity.hampel_window", in.hampel_window, 1);
  above("integrity.hampel_threshold", in.hampel_threshold, 0.0);
  above("integrity.mismatch_threshold", in.mismatch_threshold, 0.0);
  within("integrity.max_mismatch_share", in.max_mismatch_share, 0.0, 1.0);

  const auto& u = o.universe;
  at_least("universe.min_dollar_volume", u.min_dollar_volume, 0.0);
  above("universe.max_spread", u.max_spread, 0.0);
  at_least("universe.window", u.window, 2);
  within("universe.max_repaired_fraction", u.max_repaired_fraction, 0.0, 1.0);

  const auto& e = o.events;
  at_least("events.vol_span", e.vol_span, 1.0);
  at_least("events.threshold", e.threshold, 0.0);
  above("events.cusum_multiplier", e.cusum_multiplier, 0.0);
  at_least("events.min_events", e.min_events, 1);

  const auto& l = o.labels;
  at_least("labels.atr_period", l.atr_period, 1);
  at_least("labels.pt", l.pt, 0.0);
  at_least("labels.sl", l.sl, 0.0);
  within("labels.vertical_bars", l.vertical_bars, 1, max_vertical_bars);
  at_least("labels.min_ret", l.min_ret, 0.0);
  within("labels.horizon", l.horizon, 1, max_vertical_bars);
  at_most("labels.latency", l.latency, max_vertical_bars);
  within("labels.meta_threshold", l.meta_threshold, 0.5, 1.0, "()");

  within("weights.decay", o.weights.decay, -1.0, 1.0, "(]");
  at_least("weights.recency_half_life", o.weights.recency_half_life, 0.0);

  const auto& r = o.regimes;
  each_at_least("regimes.weights", r.weights, 0.0);
  each_at_least("regimes.shares", r.shares, 0.0);
  double share_sum = 0;
  for (double s : r.shares) share_sum += s;
  check(std::abs(share_sum - 1.0) <= 1e-9, "regimes.shares", "must sum to 1 (got " + show_number(share_sum) + ")");
  at_least("regimes.min_trades", r.min_trades, 1);

  const auto& v = o.validation;
  within("validation.initial_train_fraction", v.initial_train_fraction, 0.0, 1.0, "()");
  within("validation.n_tests", v.n_tests, 1, max_folds);
  within("validation.n_splits", v.n_splits, 2, max_folds);
  within("validation.n_groups", v.n_groups, 3, max_folds);
  within("validation.n_test_groups", v.n_test_groups, 1, v.n_groups - 1);
  within("validation.embargo_fraction", v.embargo_fraction, 0.0, 1.0, "[)");

  const auto& m = o.models;
  check_models(m);
  at_least("models.logit_lambda", m.logit_lambda, 0.0);
  at_least("models.logit_strong_l2_lambda", m.logit_strong_l2_lambda, 0.0);
  at_least("models.ridge_lambda", m.ridge_lambda, 0.0);
  within("models.accuracy_floor", m.accuracy_floor, 0.0, 1.0, "[)");
  within("models.xgboost_rounds", m.xgboost_rounds, 1, 10'000);
  within("models.xgboost_learning_rate", m.xgboost_learning_rate, 0.0, 1.0, "(]");
  within("models.xgboost_max_depth", m.xgboost_max_depth, 1, 32);

  // Every cost is a non-negative rate (or share, or edge): walk the section.
  for_each_leaf(o.costs, "costs", [](const std::string& key, double x) { at_least(key, x, 0.0); });
  at_most("costs.maker_share", o.costs.maker_share, 1.0);

  const auto& g = o.gate;
  ordered_pair("gate.fitness", g.fitness, true);
  ordered_pair("gate.profit_factor", g.profit_factor, true);
  ordered_pair("gate.consistency", g.consistency, true);
  ordered_pair("gate.max_drawdown", g.max_drawdown, false);
  pair_within("gate.fitness", g.fitness, 0.0, 1.0);
  pair_within("gate.consistency", g.consistency, 0.0, 1.0);
  at_least("gate.profit_factor.review", g.profit_factor.review, 0.0);
  at_least("gate.max_drawdown.approved", g.max_drawdown.approved, 0.0);
  at_least("gate.max_drawdown.review", g.max_drawdown.review, 0.0);
  // gate.min_trades and gate.min_test_windows: 0 switches the requirement off.

  within("lifecycle.validation_fraction", o.lifecycle.validation_fraction, 0.0, 0.5, "(]");
  within("lifecycle.holdout_bars", o.lifecycle.holdout_bars, 1, 100'000);
  within("lifecycle.keep_backups", o.lifecycle.keep_backups, 1, 1000);
}

}  // namespace embargo::research

#endif
