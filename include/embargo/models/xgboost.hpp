// embargo: gradient-boosted trees through XGBoost's C API, as an embargo model (models/model.hpp),
// so boosted trees slot into out-of-fold predictions, ensembles and the pipeline's model_stage.
// Link embargo::xgboost (Debian: libxgboost-dev); the core never depends on it.
// embargo-requires: xgboost
#ifndef EMBARGO_MODELS_XGBOOST_HPP
#define EMBARGO_MODELS_XGBOOST_HPP

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <Eigen/Core>
#include <xgboost/c_api.h>

#include <embargo/core/error.hpp>
#include <embargo/models/detail_checks.hpp>
#include <embargo/models/model.hpp>

namespace embargo {

/// Booster parameters (XGBoost's names in comments). Defaults are XGBoost's, except the exact
/// tree method, one thread and no log output: reproducible fits that do not fight the pipeline's
/// own thread pool for cores or write to the tool's stderr.
struct xgboost_options {
  int rounds = 100;                 ///< boosting rounds = trees, >= 1
  double learning_rate = 0.3;       ///< eta
  int max_depth = 6;
  double min_child_weight = 1.0;    ///< minimum sum of weight x hessian in a leaf (weights count)
  double subsample = 1.0;           ///< < 1 samples rows per tree (then the seed matters)
  double colsample_bytree = 1.0;
  double lambda = 1.0;              ///< L2 penalty on leaf values (reg_lambda)
  double alpha = 0.0;               ///< L1 penalty on leaf values (reg_alpha)
  double gamma = 0.0;               ///< minimum loss reduction to split
  std::string tree_method = "exact";  ///< "exact" or "hist" (fast on large data); see basic_xgboost on "approx"
  int threads = 1;                  ///< nthread; 0 lets XGBoost use every core
  std::uint64_t seed = 0;          ///< any value (XGBoost's signed seed gets the same bits)
};

/// The learning task, chosen at compile time: its objective and whether it predicts P(y = 1).
struct xgboost_binary_task {
  static constexpr const char* objective = "binary:logistic";
  static constexpr bool classifies = true;
};
struct xgboost_regression_task {
  static constexpr const char* objective = "reg:squarederror";
  static constexpr bool classifies = false;
};

namespace detail {

/// XGBoost's last error on this thread as one line: without the "[hh:mm:ss] " prefix (it would
/// make messages differ between runs) and the stack trace that follows the first line.
inline std::string xgb_last_error() {
  std::string m = XGBGetLastError();
  if (!m.empty() && m.front() == '[')
    if (const auto close = m.find("] "); close != std::string::npos && close < 16) m.erase(0, close + 2);
  if (const auto nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  return m;
}

/// Every C API call returns 0, or -1 with the reason kept per thread.
inline void xgb_check(int rc, const char* call) {
  if (rc != 0) throw error(std::string("xgboost: ") + call + ": " + xgb_last_error());
}

// Freeing cannot be reported from a destructor; XGBoost only fails it for a null handle.
struct xgb_dmatrix_free {
  void operator()(void* h) const noexcept { (void)XGDMatrixFree(h); }
};
struct xgb_booster_free {
  void operator()(void* h) const noexcept { (void)XGBoosterFree(h); }
};
using xgb_dmatrix = std::unique_ptr<void, xgb_dmatrix_free>;
using xgb_booster = std::unique_ptr<void, xgb_booster_free>;

/// A DMatrix of X's rows (XGBoost reads row-major float32).
inline xgb_dmatrix xgb_matrix(matrix_cref X) {
  const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = X.cast<float>();
  DMatrixHandle h = nullptr;
  xgb_check(XGDMatrixCreateFromMat(rows.data(), static_cast<bst_ulong>(X.rows()), static_cast<bst_ulong>(X.cols()),
                                   std::numeric_limits<float>::quiet_NaN(), &h),
            "XGDMatrixCreateFromMat");
  return xgb_dmatrix(h);
}

inline void xgb_set_info(void* m, const char* field, vector_cref v) {
  const std::vector<float> f(v.data(), v.data() + v.size());
  xgb_check(XGDMatrixSetFloatInfo(m, field, f.data(), static_cast<bst_ulong>(f.size())), "XGDMatrixSetFloatInfo");
}

/// Shortest text that reads back as the same double (std::to_string keeps only 6 decimals).
inline std::string xgb_number(double x) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

/// A booster caching `m` (XGBoost reads the number of features from its cached matrices).
inline xgb_booster xgb_new_booster(void* m) {
  BoosterHandle h = nullptr;
  const DMatrixHandle cache[] = {m};
  xgb_check(XGBoosterCreate(m ? cache : nullptr, m ? 1 : 0, &h), "XGBoosterCreate");
  return xgb_booster(h);
}

}  // namespace detail

/// Boosted trees on (X, y, w). Weights are frequency weights: XGBoost scales each row's gradient
/// and hessian by its weight, so with the exact and hist tree methods weight 2 fits exactly like
/// the row twice (tests/xgboost). Two caveats: "approx" re-sketches split candidates with
/// hessian-weighted quantiles, which differ between a weight and a duplicate; and a row of
/// weight 0 still offers its feature values as split points, so it is not quite absent. X, y and w
/// must be finite (the checks of every embargo model); the classifier's y must be 0 or 1.
/// Copies are deep (a fitted booster is serialised and loaded), so a prototype can be copied per
/// fold; call predict from one thread at a time per object. XGBoost's errors are thrown as
/// embargo::error with XGBoost's own message.
template <class Task>
class basic_xgboost {
 public:
  basic_xgboost() = default;
  explicit basic_xgboost(xgboost_options opt) : opt_(std::move(opt)) {
    detail::require(opt_.rounds >= 1, "xgboost: rounds must be at least 1, got " + std::to_string(opt_.rounds));
    detail::require(opt_.threads >= 0, "xgboost: threads must be >= 0, got " + std::to_string(opt_.threads));
  }
  basic_xgboost(const basic_xgboost& o) : opt_(o.opt_), n_features_(o.n_features_), booster_(copy_booster(o)) {}
  basic_xgboost& operator=(const basic_xgboost& o) {
    if (this != &o) *this = basic_xgboost(o);
    return *this;
  }
  basic_xgboost(basic_xgboost&&) noexcept = default;
  basic_xgboost& operator=(basic_xgboost&&) noexcept = default;
  ~basic_xgboost() = default;

  void fit(matrix_cref X, vector_cref y, vector_cref w) {
    detail::check_training_data("xgboost", X, y, w);
    if constexpr (Task::classifies)
      for (Eigen::Index i = 0; i < y.size(); ++i)
        if (y[i] != 0.0 && y[i] != 1.0)
          throw data_error("xgboost: y[" + std::to_string(i) + "] = " + std::to_string(y[i]) +
                           " is not 0 or 1 (map labels such as -1/+1 to 0/1 first)");
    const auto train = detail::xgb_matrix(X);
    detail::xgb_set_info(train.get(), "label", y);
    detail::xgb_set_info(train.get(), "weight", w);
    auto booster = detail::xgb_new_booster(train.get());
    const std::pair<const char*, std::string> params[] = {
        {"objective", Task::objective},
        {"eta", detail::xgb_number(opt_.learning_rate)},
        {"max_depth", std::to_string(opt_.max_depth)},
        {"min_child_weight", detail::xgb_number(opt_.min_child_weight)},
        {"subsample", detail::xgb_number(opt_.subsample)},
        {"colsample_bytree", detail::xgb_number(opt_.colsample_bytree)},
        {"lambda", detail::xgb_number(opt_.lambda)},
        {"alpha", detail::xgb_number(opt_.alpha)},
        {"gamma", detail::xgb_number(opt_.gamma)},
        {"tree_method", opt_.tree_method},
        {"nthread", std::to_string(opt_.threads)},
        {"seed", std::to_string(static_cast<std::int64_t>(opt_.seed))},
        {"verbosity", "0"},
    };
    for (const auto& [name, value] : params)
      detail::xgb_check(XGBoosterSetParam(booster.get(), name, value.c_str()), "XGBoosterSetParam");
    for (int i = 0; i < opt_.rounds; ++i)
      detail::xgb_check(XGBoosterUpdateOneIter(booster.get(), i, train.get()), "XGBoosterUpdateOneIter");
    booster_ = std::move(booster);
    n_features_ = X.cols();
  }

  /// The classifier's P(y = 1 | x) per row.
  Eigen::VectorXd predict_proba(matrix_cref X) const
    requires(Task::classifies)
  {
    return raw_predict(X);
  }
  /// The classifier's class (1 when P > 0.5), or the regressor's prediction.
  Eigen::VectorXd predict(matrix_cref X) const {
    const Eigen::VectorXd p = raw_predict(X);
    if constexpr (Task::classifies) return (p.array() > 0.5).cast<double>();
    else return p;
  }

  const xgboost_options& options() const noexcept { return opt_; }
  bool fitted() const noexcept { return booster_ != nullptr; }
  Eigen::Index n_features() const noexcept { return n_features_; }

  /// The fitted booster in XGBoost's own JSON model format (XGBoosterSaveModelToBuffer): the
  /// trees and their float32 leaf values, which load back exactly.
  std::string save_model() const {
    detail::require(fitted(), "xgboost: save_model before fit");
    bst_ulong len = 0;
    const char* buf = nullptr;
    detail::xgb_check(XGBoosterSaveModelToBuffer(booster_.get(), R"({"format": "json"})", &len, &buf), "XGBoosterSaveModelToBuffer");
    return std::string(buf, len);  // `buf` belongs to XGBoost until its next call
  }
  /// A fitted model from save_model()'s text; `n_features`: the columns it was fitted on.
  static basic_xgboost load_model(xgboost_options opt, std::string_view model, Eigen::Index n_features) {
    detail::require(n_features >= 1, "xgboost: load_model needs the number of features");
    basic_xgboost m(std::move(opt));
    auto b = detail::xgb_new_booster(nullptr);
    detail::xgb_check(XGBoosterLoadModelFromBuffer(b.get(), model.data(), model.size()), "XGBoosterLoadModelFromBuffer");
    m.booster_ = std::move(b);
    m.n_features_ = n_features;
    return m;
  }

 private:
  Eigen::VectorXd raw_predict(matrix_cref X) const {
    detail::check_predict_input("xgboost", X, n_features_, fitted());
    if (!X.allFinite()) throw data_error("xgboost: X contains NaN or infinity");
    if (X.rows() == 0) return Eigen::VectorXd();
    const auto m = detail::xgb_matrix(X);
    const bst_ulong* shape = nullptr;
    bst_ulong dim = 0;
    const float* out = nullptr;
    constexpr const char* config =
        R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
    detail::xgb_check(XGBoosterPredictFromDMatrix(booster_.get(), m.get(), config, &shape, &dim, &out),
                      "XGBoosterPredictFromDMatrix");
    if (dim != 1 || shape[0] != static_cast<bst_ulong>(X.rows()))
      throw error("xgboost: expected one prediction per row, got a result of " + std::to_string(dim) + " dimensions");
    // `out` belongs to XGBoost and is overwritten by the next prediction: copy it now.
    return Eigen::Map<const Eigen::VectorXf>(out, X.rows()).cast<double>();
  }

  static detail::xgb_booster copy_booster(const basic_xgboost& o) {
    if (!o.booster_) return nullptr;
    auto b = detail::xgb_new_booster(nullptr);
    // `buf` belongs to XGBoost until its next call: load it at once.
    bst_ulong len = 0;
    const char* buf = nullptr;
    detail::xgb_check(XGBoosterSerializeToBuffer(o.booster_.get(), &len, &buf), "XGBoosterSerializeToBuffer");
    detail::xgb_check(XGBoosterUnserializeFromBuffer(b.get(), buf, len), "XGBoosterUnserializeFromBuffer");
    return b;
  }

  xgboost_options opt_;
  Eigen::Index n_features_ = 0;
  detail::xgb_booster booster_;
};

/// Binary classification (binary:logistic): y in {0, 1}; predict_proba gives P(y = 1).
using xgboost_classifier = basic_xgboost<xgboost_binary_task>;
/// Least-squares regression (reg:squarederror).
using xgboost_regressor = basic_xgboost<xgboost_regression_task>;

static_assert(classifier<xgboost_classifier>);
static_assert(model<xgboost_regressor> && !classifier<xgboost_regressor>);

}  // namespace embargo

#endif
