// embargo: the JSON documents of one archived run, as the HTML tear sheet reads them: from the
// run folder (`embargo report`), or from memory while the run is being written, so both give the
// same page. Files a run of an older version did not write are null; the report says so.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_RUN_DOCUMENTS_HPP
#define EMBARGO_ARCHIVE_RUN_DOCUMENTS_HPP

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <embargo/core/error.hpp>

namespace embargo {

struct run_documents {
  std::string id, created;
  nlohmann::json summary, assessments, manifest, integrity, config, oos_trades, splits;  ///< null when absent

  /// The document a run file holds, by its name in the run folder (nullptr for other names).
  nlohmann::json* slot(std::string_view file) {
    if (file == "summary.json") return &summary;
    if (file == "model_assessments.json") return &assessments;
    if (file == "manifest.json") return &manifest;
    if (file == "integrity.json") return &integrity;
    if (file == "config.json") return &config;
    if (file == "oos_trades.json") return &oos_trades;
    if (file == "splits.json") return &splits;
    return nullptr;
  }
  /// Parses `content` as the document of `file` (a data_error naming it when it is not JSON).
  void put(std::string_view file, std::string_view content) {
    if (auto* s = slot(file)) {
      try {
        *s = nlohmann::json::parse(content);
      } catch (const nlohmann::json::exception& e) {
        throw data_error(std::string(file) + ": not valid JSON (" + e.what() + ")");
      }
    }
  }
};

/// Reads the run folder `dir` (its name is the run id). Throws data_error when it has no
/// model_assessments.json (not a run) or a document is not JSON, naming the file.
inline run_documents load_run_documents(const std::filesystem::path& dir) {
  run_documents d;
  d.id = dir.filename().string();
  const auto assessments = dir / "model_assessments.json";
  if (!std::filesystem::is_regular_file(assessments))
    throw data_error(dir.string() + ": not a run folder of a training archive (no model_assessments.json)");
  for (const char* f : {"summary.json", "model_assessments.json", "manifest.json", "integrity.json", "config.json", "oos_trades.json",
                        "splits.json"}) {
    const auto p = dir / f;
    if (!std::filesystem::is_regular_file(p)) continue;
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) throw io_error(p.string() + ": cannot read");
    try {
      d.put(f, text.str());
    } catch (const data_error& e) {
      throw data_error((dir / e.what()).string());  // the message starts with the file's name
    }
  }
  if (d.assessments.is_object() && d.assessments.contains("created") && d.assessments["created"].is_string())
    d.created = d.assessments["created"].get<std::string>();
  return d;
}

}  // namespace embargo

#endif
