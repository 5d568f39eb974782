// The "xgboost" kind's model files: XGBoost's own JSON model inside the model file, loaded back
// to the same predictions bit for bit; a damaged booster is refused with the file named.
#include <catch2/catch.hpp>

#include <bit>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include <embargo/lifecycle/xgboost_codec.hpp>

using namespace embargo;
using namespace embargo::lifecycle;

TEST_CASE("xgboost model files: save, load and predict bit-identically") {
  std::mt19937_64 rng(9);
  std::normal_distribution<double> z;
  Eigen::MatrixXd X(300, 4), X_new(40, 4);
  Eigen::VectorXd y(300), w = Eigen::VectorXd::Ones(300);
  for (Eigen::Index i = 0; i < 300; ++i) {
    for (Eigen::Index j = 0; j < 4; ++j) X(i, j) = z(rng);
    y[i] = X(i, 0) - X(i, 1) + 0.5 * z(rng) > 0 ? 1.0 : 0.0;
  }
  for (Eigen::Index i = 0; i < 40; ++i)
    for (Eigen::Index j = 0; j < 4; ++j) X_new(i, j) = z(rng);
  research::research_options o;
  o.models.xgboost_rounds = 15;
  auto m = research::make_xgboost(o);
  m.fit(X, y, w);
  const Eigen::VectorXd before = m.predict_proba(X_new);

  codec_map codecs = standard_codecs();
  add_xgboost_codec(codecs);
  model_file f;
  f.kind = "xgboost";
  f.symbol = "X";
  f.model = model_codec<xgboost_classifier>::save(m);
  f.feature_names = {"log_ret1", "log_ret5", "log_ret20", "ewm_vol"};
  f.features_hash = feature_set_hash(f.feature_names);
  f.config = research::to_json(o);
  f.config_hash = research::config_hash(o);
  const auto path = std::filesystem::temp_directory_path() / ("embargo-xgb-file-" + std::to_string(::getpid()) + ".json");
  std::ofstream(path, std::ios::binary) << model_file_text(f);
  const auto s = load_model(path, codecs);
  const Eigen::VectorXd after = s.predict_proba(X_new);
  REQUIRE(after.size() == before.size());
  for (Eigen::Index i = 0; i < before.size(); ++i) CHECK(std::bit_cast<std::uint64_t>(after[i]) == std::bit_cast<std::uint64_t>(before[i]));
  // The codec's own fit (what a run's export does) gives the same trees.
  CHECK(codecs.at("xgboost").fit(o, X, y, w) == f.model);

  CHECK_THROWS_WITH(load_model(path), Catch::Contains("\"xgboost\" is not known"));  // not registered in model_codecs()
  f.model["booster"]["learner"] = "not a learner";
  std::ofstream(path, std::ios::binary) << model_file_text(f);
  CHECK_THROWS_WITH(load_model(path, codecs), Catch::Contains(path.string()) && Catch::Contains("XGBoost could not load it"));
  std::filesystem::remove(path);
}
