// libFuzzer target: model files, from text to a serving model and a prediction, as load_model
// does from a path: parse_model_file (format, version, checksum, fields), the kind's codec, the
// run's configuration, then predictions on two rows. A mutated file almost never keeps its
// checksum, so each input is tried twice: as it is, and (when it is a JSON object) with its
// checksum recomputed, which lets the fuzzer reach the codecs.
#include <embargo/lifecycle/model_file.hpp>

#include "fuzz_support.hpp"

namespace {
void load_and_predict(const std::string& text) {
  using namespace embargo::lifecycle;
  const std::string where = "model.json";
  serving_model s;
  s.file = parse_model_file(text, where);
  const auto& codecs = model_codecs();
  const auto k = codecs.find(s.file.kind);
  if (k == codecs.end()) throw embargo::data_error(where + ": model kind \"" + s.file.kind + "\" is not known to this build");
  s.options = embargo::research::research_options_from_json(s.file.config, where + ": config");
  s.predict = k->second.load(s.file.model, where + ": model", static_cast<Eigen::Index>(s.file.feature_names.size()), codecs);
  const Eigen::Index cols = static_cast<Eigen::Index>(s.file.feature_names.size());
  Eigen::MatrixXd X(2, cols);
  for (Eigen::Index c = 0; c < cols; ++c) X(0, c) = 0.0, X(1, c) = 1.0 + static_cast<double>(c);
  const model_outputs out = s.predict(X);
  if (out.probability.size() != 2) {
    std::fprintf(stderr, "FINDING: %ld predictions for 2 rows\n", static_cast<long>(out.probability.size()));
    std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = embargo::fuzz::as_text(data, size);
  embargo::fuzz::expect_parse_or_embargo_error([&] { load_and_predict(text); });
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_object()) {
    doc.erase("checksum");
    doc["checksum"] = embargo::lifecycle::detail::checksum_of(doc);
    const std::string fixed = doc.dump(2);
    embargo::fuzz::expect_parse_or_embargo_error([&] { load_and_predict(fixed); });
  }
  return 0;
}
