// embargo: every model embargo trains as a JSON tree and back: hyperparameters and fitted
// parameters, the scaler's statistics, an ensemble's fitted parts. Doubles are written in
// nlohmann's shortest round-trip form and read back with correct rounding, so a loaded model
// predicts bit-identically to the model that was saved (tests/lifecycle check it per kind).
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_MODEL_CODEC_HPP
#define EMBARGO_LIFECYCLE_MODEL_CODEC_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <tuple>
#include <utility>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <embargo/core/error.hpp>
#include <embargo/models/accuracy_weighted.hpp>
#include <embargo/models/logistic.hpp>
#include <embargo/models/ridge.hpp>
#include <embargo/models/stacking.hpp>
#include <embargo/models/standardized.hpp>
#include <embargo/research/models.hpp>

namespace embargo::lifecycle {

/// model_codec<M>::save(m) -> JSON tree; model_codec<M>::load(tree, where) -> a fitted M, or
/// data_error "<where>: <what is wrong>" (where is the file and the path inside it);
/// model_codec<M>::width(m): the number of input columns the fitted model reads. A loaded
/// composite checks that its parts' widths agree, so that a file whose parts do not fit together
/// is refused when it is read, never met as a dimension mismatch inside Eigen.
template <class M>
struct model_codec;

namespace detail {
using json = nlohmann::json;

[[noreturn]] inline void fail(const std::string& where, const std::string& what) { throw data_error(where + ": " + what); }

inline const json& field(const json& j, const char* key, const std::string& where) {
  if (!j.is_object()) fail(where, "expected an object");
  const auto it = j.find(key);
  if (it == j.end()) fail(where, std::string("missing \"") + key + "\"");
  return *it;
}
inline double number(const json& j, const char* key, const std::string& where) {
  const auto& v = field(j, key, where);
  if (!v.is_number() || !std::isfinite(v.get<double>())) fail(where + "." + key, "expected a finite number");
  return v.get<double>();
}
inline std::size_t count(const json& j, const char* key, const std::string& where) {
  const auto& v = field(j, key, where);
  // A tree built in memory holds signed integers, a parsed one unsigned: both are counts when >= 0.
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<long long>() >= 0))
    fail(where + "." + key, "expected a non-negative integer");
  return v.get<std::size_t>();
}
inline bool boolean(const json& j, const char* key, const std::string& where) {
  const auto& v = field(j, key, where);
  if (!v.is_boolean()) fail(where + "." + key, "expected true or false");
  return v.get<bool>();
}
inline Eigen::VectorXd vector(const json& j, const char* key, const std::string& where) {
  const auto& v = field(j, key, where);
  if (!v.is_array()) fail(where + "." + key, "expected an array of numbers");
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_number() || !std::isfinite(v[i].get<double>()))
      fail(where + "." + key + "[" + std::to_string(i) + "]", "expected a finite number");
    out[static_cast<Eigen::Index>(i)] = v[i].get<double>();
  }
  return out;
}
template <class V>
json numbers(const V& v) {
  json a = json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) throw invalid_argument("model_codec: a fitted parameter is not finite; the model cannot be saved");
    a.push_back(v[i]);
  }
  return a;
}
inline void expect_type(const json& j, const char* type, const std::string& where) {
  const auto& t = field(j, "type", where);
  if (!t.is_string() || t.get<std::string>() != type)
    fail(where, std::string("expected a ") + type + ", found " + (t.is_string() ? t.get<std::string>() : t.dump()));
}
inline void require_fitted(bool fitted, const char* type) {
  if (!fitted) throw invalid_argument(std::string("model_codec: the ") + type + " is not fitted; only fitted models are saved");
}
/// Every base of an ensemble reads the same columns.
template <class... Bases>
void same_widths(const std::tuple<Bases...>& bases, const std::string& where) {
  const std::array<Eigen::Index, sizeof...(Bases)> w = std::apply([](const auto&... b) {
    return std::array<Eigen::Index, sizeof...(Bases)>{model_codec<std::decay_t<decltype(b)>>::width(b)...};
  }, bases);
  for (const auto x : w)
    if (x != w[0]) fail(where, "the base models read different numbers of columns");
}
}  // namespace detail

template <>
struct model_codec<logistic_regression> {
  static nlohmann::json save(const logistic_regression& m) {
    detail::require_fitted(m.fitted(), "logistic_regression");
    return {{"type", "logistic_regression"}, {"lambda", m.options().lambda}, {"max_iterations", m.options().max_iterations},
            {"tolerance", m.options().tolerance}, {"coefficients", detail::numbers(m.coefficients())},
            {"intercept", m.intercept()}, {"converged", m.converged()}, {"iterations", m.iterations()}};
  }
  static logistic_regression load(const nlohmann::json& j, const std::string& where) {
    detail::expect_type(j, "logistic_regression", where);
    logistic_options o;
    o.lambda = detail::number(j, "lambda", where);
    o.max_iterations = static_cast<int>(detail::count(j, "max_iterations", where));
    o.tolerance = detail::number(j, "tolerance", where);
    if (!(o.lambda >= 0) || o.max_iterations <= 0) detail::fail(where, "lambda must be >= 0 and max_iterations > 0");
    return logistic_regression::restore(o, detail::vector(j, "coefficients", where), detail::number(j, "intercept", where));
  }
  static Eigen::Index width(const logistic_regression& m) { return m.coefficients().size(); }
};

template <>
struct model_codec<ridge_regression> {
  static nlohmann::json save(const ridge_regression& m) {
    detail::require_fitted(m.fitted(), "ridge_regression");
    return {{"type", "ridge_regression"}, {"lambda", m.options().lambda}, {"coefficients", detail::numbers(m.coefficients())},
            {"intercept", m.intercept()}};
  }
  static ridge_regression load(const nlohmann::json& j, const std::string& where) {
    detail::expect_type(j, "ridge_regression", where);
    ridge_options o;
    o.lambda = detail::number(j, "lambda", where);
    if (!(o.lambda >= 0)) detail::fail(where + ".lambda", "must be >= 0");
    return ridge_regression::restore(o, detail::vector(j, "coefficients", where), detail::number(j, "intercept", where));
  }
  static Eigen::Index width(const ridge_regression& m) { return m.coefficients().size(); }
};

template <>
struct model_codec<research::ridge_classifier> {
  static nlohmann::json save(const research::ridge_classifier& m) {
    return {{"type", "ridge_classifier"}, {"regression", model_codec<ridge_regression>::save(m.regression())}};
  }
  static research::ridge_classifier load(const nlohmann::json& j, const std::string& where) {
    detail::expect_type(j, "ridge_classifier", where);
    return research::ridge_classifier(model_codec<ridge_regression>::load(detail::field(j, "regression", where), where + ".regression"));
  }
  static Eigen::Index width(const research::ridge_classifier& m) { return m.regression().coefficients().size(); }
};

template <class Inner>
struct model_codec<standardized<Inner>> {
  static nlohmann::json save(const standardized<Inner>& m) {
    detail::require_fitted(m.fitted(), "standardized model");
    return {{"type", "standardized"}, {"weighted_scaling", m.weighted_scaling()}, {"mean", detail::numbers(m.mean())},
            {"sd", detail::numbers(m.sd())}, {"inner", model_codec<Inner>::save(m.inner())}};
  }
  static standardized<Inner> load(const nlohmann::json& j, const std::string& where) {
    detail::expect_type(j, "standardized", where);
    const Eigen::VectorXd mean = detail::vector(j, "mean", where), sd = detail::vector(j, "sd", where);
    if (mean.size() != sd.size()) detail::fail(where, "mean and sd differ in length");
    if (!(sd.array() > 0).all()) detail::fail(where + ".sd", "every scale must be > 0");
    Inner inner = model_codec<Inner>::load(detail::field(j, "inner", where), where + ".inner");
    if (model_codec<Inner>::width(inner) != mean.size())
      detail::fail(where, "the scaler has " + std::to_string(mean.size()) + " columns, the inner model reads " +
                              std::to_string(model_codec<Inner>::width(inner)));
    return standardized<Inner>::restore(std::move(inner), mean.transpose(), sd.transpose(), detail::boolean(j, "weighted_scaling", where));
  }
  static Eigen::Index width(const standardized<Inner>& m) { return m.mean().size(); }
};

template <class Meta, class... Bases>
struct model_codec<stacking_ensemble<Meta, Bases...>> {
  using M = stacking_ensemble<Meta, Bases...>;
  static nlohmann::json save(const M& m) {
    detail::require_fitted(m.fitted(), "stacking_ensemble");
    nlohmann::json bases = nlohmann::json::array();
    std::apply([&](const auto&... b) { (bases.push_back(model_codec<std::decay_t<decltype(b)>>::save(b)), ...); }, m.bases());
    return {{"type", "stacking_ensemble"}, {"n_folds", m.options().n_folds}, {"purge", m.options().purge},
            {"meta", model_codec<Meta>::save(m.meta())}, {"bases", std::move(bases)}};
  }
  static M load(const nlohmann::json& j, const std::string& where) {
    detail::expect_type(j, "stacking_ensemble", where);
    const auto& bases = detail::field(j, "bases", where);
    if (!bases.is_array() || bases.size() != sizeof...(Bases))
      detail::fail(where + ".bases", "expected " + std::to_string(sizeof...(Bases)) + " base models");
    stacking_options o;
    o.n_folds = detail::count(j, "n_folds", where);
    o.purge = detail::count(j, "purge", where);
    auto loaded = [&]<std::size_t... I>(std::index_sequence<I...>) {
      return std::tuple<Bases...>(model_codec<Bases>::load(bases[I], where + ".bases[" + std::to_string(I) + "]")...);
    }(std::index_sequence_for<Bases...>{});
    Meta meta = model_codec<Meta>::load(detail::field(j, "meta", where), where + ".meta");
    if (model_codec<Meta>::width(meta) != static_cast<Eigen::Index>(sizeof...(Bases)))
      detail::fail(where + ".meta", "reads " + std::to_string(model_codec<Meta>::width(meta)) + " columns for " +
                                        std::to_string(sizeof...(Bases)) + " base models");
    detail::same_widths(loaded, where + ".bases");
    return M::restore(std::move(meta), std::move(loaded), o);
  }
  static Eigen::Index width(const M& m) { return model_codec<std::tuple_element_t<0, std::tuple<Bases...>>>::width(std::get<0>(m.bases())); }
};

template <class... Bases>
struct model_codec<accuracy_weighted_ensemble<Bases...>> {
  using M = accuracy_weighted_ensemble<Bases...>;
  static nlohmann::json save(const M& m) {
    detail::require_fitted(m.fitted(), "accuracy_weighted_ensemble");
    nlohmann::json bases = nlohmann::json::array();
    std::apply([&](const auto&... b) { (bases.push_back(model_codec<std::decay_t<decltype(b)>>::save(b)), ...); }, m.bases());
    const Eigen::Map<const Eigen::VectorXd> acc(m.accuracies().data(), M::size), w(m.weights().data(), M::size);
    return {{"type", "accuracy_weighted_ensemble"}, {"n_folds", m.options().n_folds}, {"purge", m.options().purge},
            {"floor", m.options().floor}, {"accuracies", detail::numbers(acc)}, {"weights", detail::numbers(w)},
            {"bases", std::move(bases)}};
  }
  static M load(const nlohmann::json& j, const std::string& where) {
    detail::expect_type(j, "accuracy_weighted_ensemble", where);
    const auto& bases = detail::field(j, "bases", where);
    if (!bases.is_array() || bases.size() != M::size) detail::fail(where + ".bases", "expected " + std::to_string(M::size) + " base models");
    accuracy_weighted_options o;
    o.n_folds = detail::count(j, "n_folds", where);
    o.purge = detail::count(j, "purge", where);
    o.floor = detail::number(j, "floor", where);
    const Eigen::VectorXd acc = detail::vector(j, "accuracies", where), w = detail::vector(j, "weights", where);
    if (acc.size() != static_cast<Eigen::Index>(M::size) || w.size() != static_cast<Eigen::Index>(M::size))
      detail::fail(where, "expected " + std::to_string(M::size) + " accuracies and weights");
    std::array<double, M::size> a{}, ww{};
    for (std::size_t i = 0; i < M::size; ++i) a[i] = acc[static_cast<Eigen::Index>(i)], ww[i] = w[static_cast<Eigen::Index>(i)];
    auto loaded = [&]<std::size_t... I>(std::index_sequence<I...>) {
      return std::tuple<Bases...>(model_codec<Bases>::load(bases[I], where + ".bases[" + std::to_string(I) + "]")...);
    }(std::index_sequence_for<Bases...>{});
    detail::same_widths(loaded, where + ".bases");
    return M::restore(std::move(loaded), o, a, ww);
  }
  static Eigen::Index width(const M& m) { return model_codec<std::tuple_element_t<0, std::tuple<Bases...>>>::width(std::get<0>(m.bases())); }
};

}  // namespace embargo::lifecycle

#endif
