// Model files: every kind saves, loads and predicts bit-identically; each class of bad file is
// refused with a message that names the file and what is wrong.
#include <catch2/catch.hpp>

#include <bit>
#include <cctype>
#include <fstream>
#include <limits>
#include <random>

#include <embargo/data/csv.hpp>
#include <embargo/lifecycle.hpp>

#include "lifecycle_support.hpp"

using namespace embargo;
using namespace embargo::lifecycle;

namespace {

struct data {
  Eigen::MatrixXd X, X_new;
  Eigen::VectorXd y, w;
};

data make_data() {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> z;
  std::uniform_real_distribution<double> u(0.2, 2.0);
  data d{Eigen::MatrixXd(400, 6), Eigen::MatrixXd(50, 6), Eigen::VectorXd(400), Eigen::VectorXd(400)};
  for (Eigen::Index i = 0; i < 400; ++i) {
    for (Eigen::Index j = 0; j < 6; ++j) d.X(i, j) = z(rng) * (j + 1) + j;
    d.y[i] = d.X(i, 0) + 0.5 * d.X(i, 2) + z(rng) > 1.5 ? 1.0 : 0.0;
    d.w[i] = u(rng);
  }
  for (Eigen::Index i = 0; i < 50; ++i)
    for (Eigen::Index j = 0; j < 6; ++j) d.X_new(i, j) = z(rng) * (j + 2);
  return d;
}

const std::vector<std::string> names = {"log_ret1", "log_ret5", "log_ret20", "ewm_vol", "log_range", "volume_ratio20"};

model_file file_of(const std::string& kind, nlohmann::json tree) {
  model_file f;
  f.kind = kind;
  f.symbol = "SYM/1";
  f.model = std::move(tree);
  f.feature_names = names;
  f.features_hash = feature_set_hash(names);
  f.config = research::to_json(lifecycle_test::loose_options());
  f.config_hash = research::config_hash(lifecycle_test::loose_options());
  f.code = "test";
  f.created = "2026-12-07T00:00:00Z";
  f.training_start = "2015-01-01T00:00:00Z";
  f.training_end = "2020-01-01T00:00:00Z";
  f.training_events = 400;
  return f;
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// Fits the kind's model in memory, saves it, loads the file, and compares every prediction bit
// for bit.
template <class M>
void round_trip(const std::string& kind, M m, const std::filesystem::path& dir) {
  const auto d = make_data();
  m.fit(d.X, d.y, d.w);
  const Eigen::VectorXd before = model_output(m, d.X_new);
  const auto path = dir / (kind + ".json");
  write(path, model_file_text(file_of(kind, model_codec<M>::save(m))));
  const serving_model s = load_model(path);
  const Eigen::VectorXd after = s.predict_proba(d.X_new);
  REQUIRE(after.size() == before.size());
  for (Eigen::Index i = 0; i < before.size(); ++i) CHECK(std::bit_cast<std::uint64_t>(after[i]) == std::bit_cast<std::uint64_t>(before[i]));
  CHECK(s.file.symbol == "SYM/1");
  CHECK(s.file.kind == kind);
  CHECK(s.options.models.use == lifecycle_test::loose_options().models.use);
  // The codec's own fit (what the export runs) gives the same model as the make_* function.
  const auto refit = standard_codecs().at(kind).fit(lifecycle_test::loose_options(), d.X, d.y, d.w);
  CHECK(refit == model_codec<M>::save(m));
}

}  // namespace

TEST_CASE("model files: every standard kind predicts bit-identically after save and load") {
  lifecycle_test::scratch_dir dir("model-files");
  const auto o = lifecycle_test::loose_options();
  round_trip("logit", research::make_logit(o), dir.path);
  round_trip("logit_strong_l2", research::make_logit_strong_l2(o), dir.path);
  round_trip("ridge", research::make_ridge(o), dir.path);
  round_trip("stack_ridge_meta", research::make_stacked(o), dir.path);
  round_trip("accuracy_weighted", research::make_accuracy_weighted(o), dir.path);
}

TEST_CASE("model files: truncated, corrupted, foreign, unknown-version and inconsistent files are refused") {
  lifecycle_test::scratch_dir dir("model-files-bad");
  const auto d = make_data();
  auto m = research::make_logit(lifecycle_test::loose_options());
  m.fit(d.X, d.y, d.w);
  const auto tree = model_codec<research::logit_model>::save(m);
  const std::string good = model_file_text(file_of("logit", tree));
  const auto p = dir.path / "m.json";
  auto refused = [&](const std::string& text, const std::string& expected) {
    write(p, text);
    CHECK_THROWS_WITH(load_model(p), Catch::Contains(p.string()) && Catch::Contains(expected));
  };
  refused(good.substr(0, good.size() / 2), "truncated");
  refused("\x7f" "ELF\x02\x01", "not a model file");
  refused("{\"weights\": [1, 2, 3]}", "not a model file");
  refused("[1, 2]", "not a model file");
  {
    auto j = nlohmann::json::parse(good);
    j["format_version"] = 99;
    refused(j.dump(), "format version 99 is not supported");
  }
  {
    std::string flipped = good;
    // A digit inside the intercept's mantissa (after another digit: the JSON stays valid).
    auto at = flipped.find("\"intercept\": ") + 14;
    while (!(std::isdigit(static_cast<unsigned char>(flipped[at])) && std::isdigit(static_cast<unsigned char>(flipped[at - 1])))) ++at;
    flipped[at] = flipped[at] == '1' ? '2' : '1';
    refused(flipped, "checksum mismatch");
  }
  {
    auto j = nlohmann::json::parse(good);
    j.erase("checksum");
    refused(j.dump(), "no checksum");
  }
  refused(model_file_text(file_of("random_forest", tree)), "model kind \"random_forest\" is not known");
  {
    auto f = file_of("logit", tree);
    f.feature_names.pop_back();
    f.features_hash = feature_set_hash(f.feature_names);
    refused(model_file_text(f), "the model reads 6 features, the file names 5");
  }
  {
    auto t = tree;
    t["inner"]["coefficients"].erase(0);
    refused(model_file_text(file_of("logit", t)), "the scaler has 6 columns, the inner model reads 5");
  }
  {
    auto t = tree;
    t["inner"]["type"] = "ridge_regression";
    refused(model_file_text(file_of("logit", t)), "expected a logistic_regression, found ridge_regression");
  }
  {
    auto t = tree;
    t["sd"][2] = -1.0;
    refused(model_file_text(file_of("logit", t)), "every scale must be > 0");
  }
  {
    auto f = file_of("logit", tree);
    f.features_hash = "0000000000000000";
    refused(model_file_text(f), "does not match the feature names");
  }
  {
    auto f = file_of("logit", tree);
    f.config["labels"]["pt"] = -1;
    refused(model_file_text(f), "labels.pt");
  }
  CHECK_THROWS_AS(load_model(dir.path / "absent.json"), io_error);
  CHECK_THROWS_WITH(load_model(dir.path), Catch::Contains("is a directory"));
  // The good file still loads (the checks above refuse only what is wrong).
  write(p, good);
  CHECK_NOTHROW(load_model(p));
}

TEST_CASE("model files: features that differ from the model's feature set are refused") {
  lifecycle_test::scratch_dir dir("model-files-features");
  const auto d = make_data();
  auto m = research::make_ridge(lifecycle_test::loose_options());
  m.fit(d.X, d.y, d.w);
  write(dir.path / "m.json", model_file_text(file_of("ridge", model_codec<research::ridge_model>::save(m))));
  const auto s = load_model(dir.path / "m.json");
  CHECK_NOTHROW(s.check_features(names, "bars.csv"));
  auto other = names;
  std::swap(other[0], other[1]);
  CHECK_THROWS_WITH(s.check_features(other, "bars.csv"), Catch::Contains("bars.csv") && Catch::Contains("do not match"));
  CHECK_THROWS_WITH(s.check_features({"log_ret1", "log_ret5", "log_ret20", "ewm_vol"}, "bars.csv"), Catch::Contains("do not match"));
}

TEST_CASE("model files: an unfitted or non-finite model is not saved") {
  CHECK_THROWS_AS(model_codec<logistic_regression>::save(logistic_regression{}), invalid_argument);
  auto bad = logistic_regression::restore({}, Eigen::VectorXd::Constant(2, std::numeric_limits<double>::quiet_NaN()), 0.0);
  CHECK_THROWS_WITH(model_codec<logistic_regression>::save(bad), Catch::Contains("not finite"));
}
