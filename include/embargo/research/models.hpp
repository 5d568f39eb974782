// embargo: the model kinds a research configuration can name (`models.use`), each a factory of a
// model stage, and the meta-label filter. A build with more models (XGBoost, a user's own)
// registers more kinds on its research_job; the standard kinds need only Eigen.
#ifndef EMBARGO_RESEARCH_MODELS_HPP
#define EMBARGO_RESEARCH_MODELS_HPP

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <embargo/models/accuracy_weighted.hpp>
#include <embargo/models/logistic.hpp>
#include <embargo/models/out_of_fold.hpp>
#include <embargo/models/ridge.hpp>
#include <embargo/models/stacking.hpp>
#include <embargo/models/standardized.hpp>
#include <embargo/pipeline/consensus_stage.hpp>
#include <embargo/pipeline/research.hpp>
#include <embargo/research/job.hpp>
#include <embargo/research/options.hpp>

namespace embargo::research {

/// A linear-probability classifier: ridge regression of y in {0, 1}, its prediction clipped to
/// [0, 1] as P(y = 1).
class ridge_classifier {
 public:
  ridge_classifier() = default;
  explicit ridge_classifier(ridge_options opt) : ridge_(opt) {}
  explicit ridge_classifier(ridge_regression fitted) : ridge_(std::move(fitted)) {}
  void fit(matrix_cref X, vector_cref y, vector_cref w) { ridge_.fit(X, y, w); }
  Eigen::VectorXd predict(matrix_cref X) const { return ridge_.predict(X); }
  Eigen::VectorXd predict_proba(matrix_cref X) const { return ridge_.predict(X).cwiseMax(0.0).cwiseMin(1.0); }
  const ridge_regression& regression() const noexcept { return ridge_; }

 private:
  ridge_regression ridge_;
};
static_assert(classifier<ridge_classifier>);

using logit_model = standardized<logistic_regression>;
using stacked_model = standardized<stacking_ensemble<ridge_regression, logistic_regression, ridge_regression>>;
using accuracy_weighted_model = standardized<accuracy_weighted_ensemble<logistic_regression, ridge_classifier>>;

using ridge_model = standardized<ridge_classifier>;

/// The unfitted model of each standard kind as the configuration sets it up: the model stages
/// and the exported final fits (lifecycle/) are built by these, so they cannot differ.
inline bool weighted_scaler(const research_options& o) { return o.models.scaler == scaler_weighting::weighted; }
inline logit_model make_logit(const research_options& o) {
  return logit_model(logistic_regression({.lambda = o.models.logit_lambda}), weighted_scaler(o));
}
inline logit_model make_logit_strong_l2(const research_options& o) {
  return logit_model(logistic_regression({.lambda = o.models.logit_strong_l2_lambda}), weighted_scaler(o));
}
inline ridge_model make_ridge(const research_options& o) {
  return ridge_model(ridge_classifier({.lambda = o.models.ridge_lambda}), weighted_scaler(o));
}
inline stacked_model make_stacked(const research_options& o) { return stacked_model({}, weighted_scaler(o)); }
inline accuracy_weighted_model make_accuracy_weighted(const research_options& o) {
  accuracy_weighted_options aw;
  aw.floor = o.models.accuracy_floor;
  return accuracy_weighted_model(accuracy_weighted_ensemble<logistic_regression, ridge_classifier>(aw), weighted_scaler(o));
}

namespace detail {
template <class Model>
stage_function model_stage_of(const research_options& o, std::string name, Model m) {
  return model_stage<Model>{std::move(name), std::move(m), o.costs.to_model(), o.bet_sizing, o.costs.min_edge};
}
}  // namespace detail

/// Meta-label filter (quant-bot seed, AFML ch. 3.6): for each model already run, a second
/// logistic model learns, on each fold's training events that the first model traded, whether
/// that trade made money (features plus the first model's probability); a test event's trade is
/// kept only where the second model's probability is at least `threshold`. Events whose fold has
/// too little history for the second model (under 10 traded rows or one outcome only) do not trade.
struct meta_filter_stage {
  static constexpr const char* name = "meta_filter";
  double threshold = 0.58;
  cost_model costs{};

  void operator()(symbol_research& r) const {
    if (!r.keep) return;
    const auto n = static_cast<Eigen::Index>(r.labels.size());
    for (auto& m : r.models) {
      Eigen::MatrixXd X(n, r.features.cols() + 1);
      X.leftCols(r.features.cols()) = r.features;
      Eigen::VectorXd y(n), w(n);
      std::vector<bool> traded(r.labels.size());
      for (Eigen::Index i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        traded[k] = m.position[k] != 0 && std::isfinite(m.probability[k]);
        X(i, r.features.cols()) = traded[k] ? m.probability[k] : 0.5;
        y[i] = m.trade_return[k] > 0 ? 1.0 : 0.0;
        w[i] = r.weights.empty() ? 1.0 : r.weights[k];
      }
      std::vector<double> keep(r.labels.size(), 0.0);
      for (const auto& f : r.folds) {
        index_set rows;
        double positives = 0;
        for (std::size_t i : f.train)
          if (traded[i]) rows.push_back(i), positives += y[static_cast<Eigen::Index>(i)];
        if (rows.size() < 10 || positives == 0 || positives == static_cast<double>(rows.size())) continue;
        logit_model meta(logistic_regression({.lambda = 1.0}));
        meta.fit(embargo::detail::take_rows(X, rows), embargo::detail::take(y, rows), embargo::detail::take(w, rows));
        const Eigen::VectorXd p = meta.predict_proba(embargo::detail::take_rows(X, f.test));
        Eigen::Index j = 0;
        for (std::size_t i : f.test) keep[i] = p[j++] >= threshold ? 1.0 : 0.0;
      }
      model_run filtered;
      filtered.position.resize(r.labels.size());
      filtered.trade_return.resize(r.labels.size());
      for (std::size_t i = 0; i < r.labels.size(); ++i)
        record_trade(filtered, i, traded[i] && keep[i] > 0 ? m.position[i] : 0.0, r.labels[i], costs);
      m.position = std::move(filtered.position);
      m.trade_return = std::move(filtered.trade_return);
      m.costs = filtered.costs;
    }
  }
};

/// The kinds every build has: logit, logit_strong_l2, ridge, stack_ridge_meta, accuracy_weighted,
/// consensus; and the meta filter.
template <class>
model_catalog standard_catalog() {
  model_catalog catalog;
  auto& out = catalog.kinds;
  out["logit"] = [](const research_options& o) { return detail::model_stage_of(o, "logit", make_logit(o)); };
  out["logit_strong_l2"] = [](const research_options& o) {
    return detail::model_stage_of(o, "logit_strong_l2", make_logit_strong_l2(o));
  };
  out["ridge"] = [](const research_options& o) { return detail::model_stage_of(o, "ridge", make_ridge(o)); };
  out["stack_ridge_meta"] = [](const research_options& o) { return detail::model_stage_of(o, "stack_ridge_meta", make_stacked(o)); };
  out["accuracy_weighted"] = [](const research_options& o) {
    return detail::model_stage_of(o, "accuracy_weighted", make_accuracy_weighted(o));
  };
  out["consensus"] = [](const research_options& o) -> stage_function {
    return consensus_stage{.costs = o.costs.to_model(), .bet = o.bet_sizing};
  };
  catalog.meta_filter = [](const research_options& o) -> stage_function {
    return meta_filter_stage{.threshold = o.labels.meta_threshold, .costs = o.costs.to_model()};
  };
  return catalog;
}

}  // namespace embargo::research

#endif
