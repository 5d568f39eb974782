// embargo: the model file. One JSON document per exported model: format name and version, the
// model kind, its hyperparameters and fitted parameters (lifecycle/model_codec.hpp), the feature
// names and their hash, the run's whole configuration (labels, horizon, events, bet sizing,
// costs: what predicting needs to compute features and positions as the run did), the training
// window, the config hash, the code identity, and an FNV-1a 64 checksum of the rest. JSON (with
// nlohmann, not a hand-written format) because a model file is small and a person should be able
// to read what a served model is; doubles round-trip exactly.
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_MODEL_FILE_HPP
#define EMBARGO_LIFECYCLE_MODEL_FILE_HPP

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <embargo/core/error.hpp>
#include <embargo/core/fnv.hpp>
#include <embargo/core/atomic_file.hpp>
#include <embargo/features/feature_set.hpp>
#include <embargo/lifecycle/consensus_codec.hpp>
#include <embargo/lifecycle/model_codec.hpp>
#include <embargo/lifecycle/model_kind_codec.hpp>
#include <embargo/research/config_json.hpp>
#include <embargo/version.hpp>

namespace embargo::lifecycle {

inline constexpr const char* model_format_name = "embargo-model";
/// Bumped when a field changes meaning; a reader refuses versions it does not know.
inline constexpr int model_format_version = 1;

/// The code that trained a model: embargo's version, and the hash of its headers when the build
/// knows it (the embargo tool does: tools/code_identity.cmake). A library user passes their own.
inline std::string default_code_identity() { return std::string("embargo ") + version_string + " (source hash unknown)"; }

struct model_file {
  std::string kind;    ///< the research kind (models.use): logit, ridge, stack_ridge_meta, ...
  std::string symbol;
  nlohmann::json model;  ///< model_codec tree
  std::vector<std::string> feature_names;
  std::string features_hash;
  nlohmann::json config;  ///< the run's configuration (research::to_json)
  std::string config_hash, code, run, created;
  std::string training_start, training_end;  ///< first and last bar of the symbol's training series
  std::size_t training_events = 0;
};

namespace detail {
inline nlohmann::json document(const model_file& f) {
  return {{"format", model_format_name}, {"format_version", model_format_version}, {"kind", f.kind}, {"symbol", f.symbol},
          {"model", f.model}, {"features", {{"names", f.feature_names}, {"hash", f.features_hash}}}, {"config", f.config},
          {"config_hash", f.config_hash}, {"code", f.code}, {"run", f.run}, {"created", f.created},
          {"training", {{"start", f.training_start}, {"end", f.training_end}, {"events", f.training_events}}}};
}
/// The checksum covers the compact dump of everything but itself (keys sorted: canonical).
inline std::string checksum_of(const nlohmann::json& doc) { return "fnv1a64:" + hex16(fnv1a64(doc.dump())); }
inline std::string text(const nlohmann::json& j, const char* key, const std::string& where) {
  const auto& v = field(j, key, where);
  if (!v.is_string()) fail(where + "." + key, "expected a string");
  return v.get<std::string>();
}
}  // namespace detail

/// The file's text: the document with its checksum, two-space indented.
inline std::string model_file_text(const model_file& f) {
  if (f.feature_names.empty()) throw invalid_argument("model_file: a model needs its feature names");
  auto doc = detail::document(f);
  doc["checksum"] = detail::checksum_of(doc);
  return doc.dump(2) + "\n";
}

/// Parses and checks a model file's text. data_error "<where>: ..." for text that is not JSON
/// (a truncated file), a foreign document, an unknown format version, a checksum that does not
/// match (a corrupted file), and fields of the wrong type.
inline model_file parse_model_file(const std::string& text, const std::string& where) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    throw data_error(where + ": not a model file (not valid JSON: truncated or not written by embargo)");
  }
  if (!doc.is_object() || !doc.contains("format") || doc["format"] != model_format_name)
    throw data_error(where + ": not a model file (no \"format\": \"" + model_format_name + "\")");
  const auto& version = doc.contains("format_version") ? doc["format_version"] : nlohmann::json();
  if (!version.is_number_integer() || version.get<long long>() != model_format_version)
    throw data_error(where + ": model format version " + version.dump() + " is not supported (this build reads version " +
                     std::to_string(model_format_version) + ")");
  if (!doc.contains("checksum") || !doc["checksum"].is_string()) throw data_error(where + ": the model file has no checksum");
  const std::string stored = doc["checksum"].get<std::string>();
  doc.erase("checksum");
  if (stored != detail::checksum_of(doc))
    throw data_error(where + ": checksum mismatch (the file was changed or corrupted after it was written)");
  model_file f;
  f.kind = detail::text(doc, "kind", where);
  f.symbol = detail::text(doc, "symbol", where);
  f.model = detail::field(doc, "model", where);
  const auto& features = detail::field(doc, "features", where);
  const auto& names = detail::field(features, "names", where + ".features");
  if (!names.is_array() || names.empty()) detail::fail(where + ".features.names", "expected a non-empty array of names");
  for (const auto& n : names) {
    if (!n.is_string()) detail::fail(where + ".features.names", "expected strings");
    f.feature_names.push_back(n.get<std::string>());
  }
  f.features_hash = detail::text(features, "hash", where + ".features");
  if (f.features_hash != feature_set_hash(f.feature_names))
    detail::fail(where + ".features.hash", "does not match the feature names (" + feature_set_hash(f.feature_names) + ")");
  f.config = detail::field(doc, "config", where);
  f.config_hash = detail::text(doc, "config_hash", where);
  f.code = detail::text(doc, "code", where);
  f.run = detail::text(doc, "run", where);
  f.created = detail::text(doc, "created", where);
  const auto& training = detail::field(doc, "training", where);
  f.training_start = detail::text(training, "start", where + ".training");
  f.training_end = detail::text(training, "end", where + ".training");
  f.training_events = detail::count(training, "events", where + ".training");
  return f;
}

/// Reads a model file; io_error when it cannot be read, data_error as parse_model_file.
inline model_file read_model_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw data_error(path.string() + ": is a directory, not a model file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error(path.string() + ": cannot open the model file");
  std::ostringstream s;
  s << in.rdbuf();
  return parse_model_file(s.str(), path.string());
}

/// The standard kinds' codecs, built by the same make_* functions as the run's model stages, and
/// the consensus over them (lifecycle/consensus_codec.hpp).
inline const codec_map& standard_codecs() {
  using namespace research;
  static const codec_map codecs = {
      {"logit", detail::codec_of<logit_model>(make_logit)},
      {"logit_strong_l2", detail::codec_of<logit_model>(make_logit_strong_l2)},
      {"ridge", detail::codec_of<ridge_model>(make_ridge)},
      {"stack_ridge_meta", detail::codec_of<stacked_model>(make_stacked)},
      {"accuracy_weighted", detail::codec_of<accuracy_weighted_model>(make_accuracy_weighted)},
      {consensus_kind, consensus_codec()}};
  return codecs;
}

/// The kinds this program exports and loads: the standard ones, plus those a build registers
/// (lifecycle/xgboost_codec.hpp adds "xgboost"). Register at start-up, before any export or load:
/// the map is not locked.
inline codec_map& model_codecs() {
  static codec_map codecs = standard_codecs();
  return codecs;
}

/// A model ready to predict: its file, the run's configuration and the predictor.
struct serving_model {
  model_file file;
  research::research_options options;
  predictor predict;

  Eigen::VectorXd predict_proba(matrix_cref X) const { return predict(X).probability; }

  /// Throws data_error naming `where` when the feature names differ from the model's.
  void check_features(const std::vector<std::string>& names, const std::string& where) const {
    if (names != file.feature_names)
      throw data_error(where + ": the features (" + feature_set_hash(names) + ") do not match the model's feature set " +
                       file.features_hash);
  }
};

/// Loads a model file into a predictor; every check of parse_model_file, plus an unknown kind,
/// a configuration that does not parse, and parameters that do not fit together or do not read
/// the file's feature count.
inline serving_model load_model(const std::filesystem::path& path, const codec_map& codecs = model_codecs()) {
  serving_model s;
  const std::string where = path.string();
  s.file = read_model_file(path);
  const auto k = codecs.find(s.file.kind);
  if (k == codecs.end()) throw data_error(where + ": model kind \"" + s.file.kind + "\" is not known to this build");
  s.options = research::research_options_from_json(s.file.config, where + ": config");
  s.predict = k->second.load(s.file.model, where + ": model", static_cast<Eigen::Index>(s.file.feature_names.size()), codecs);
  return s;
}

}  // namespace embargo::lifecycle

#endif
