// embargo: the "xgboost" kind's model files. The booster is kept in XGBoost's own JSON model
// format (XGBoosterSaveModelToBuffer), nested in the model file, so the file's checksum and
// checks cover it too. Register once at start-up where the build links XGBoost:
//   embargo::lifecycle::add_xgboost_codec(embargo::lifecycle::model_codecs());
// embargo-requires: xgboost
#ifndef EMBARGO_LIFECYCLE_XGBOOST_CODEC_HPP
#define EMBARGO_LIFECYCLE_XGBOOST_CODEC_HPP

#include <string>

#include <nlohmann/json.hpp>

#include <embargo/lifecycle/model_file.hpp>
#include <embargo/models/xgboost.hpp>
#include <embargo/research/xgboost_model.hpp>

namespace embargo::lifecycle {

template <>
struct model_codec<xgboost_classifier> {
  static nlohmann::json save(const xgboost_classifier& m) {
    detail::require_fitted(m.fitted(), "xgboost_classifier");
    const auto& o = m.options();
    return {{"type", "xgboost_classifier"}, {"n_features", m.n_features()}, {"rounds", o.rounds}, {"learning_rate", o.learning_rate},
            {"max_depth", o.max_depth}, {"seed", o.seed}, {"booster", nlohmann::json::parse(m.save_model())}};
  }
  static xgboost_classifier load(const nlohmann::json& j, const std::string& where) {
    detail::expect_type(j, "xgboost_classifier", where);
    xgboost_options o;
    o.rounds = static_cast<int>(detail::count(j, "rounds", where));
    o.learning_rate = detail::number(j, "learning_rate", where);
    o.max_depth = static_cast<int>(detail::count(j, "max_depth", where));
    o.seed = detail::count(j, "seed", where);
    o.threads = 1;
    const auto width = static_cast<Eigen::Index>(detail::count(j, "n_features", where));
    if (o.rounds < 1 || width < 1) detail::fail(where, "rounds and n_features must be at least 1");
    const auto& booster = detail::field(j, "booster", where);
    try {
      return xgboost_classifier::load_model(o, booster.dump(), width);
    } catch (const error& e) {
      detail::fail(where + ".booster", std::string("XGBoost could not load it: ") + e.what());
    }
  }
  static Eigen::Index width(const xgboost_classifier& m) { return m.n_features(); }
};

inline void add_xgboost_codec(codec_map& codecs) {
  codecs["xgboost"] = detail::codec_of<xgboost_classifier>(research::make_xgboost);
}

}  // namespace embargo::lifecycle

#endif
