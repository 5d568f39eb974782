// embargo: the run manifest (what is needed to reproduce a run), and content hashes.
// Version, training window, hashes of features, code and config, and the seed, as in the
// many-pairs seed's model manifest; written as <run>/manifest.json.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_MANIFEST_HPP
#define EMBARGO_ARCHIVE_MANIFEST_HPP

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <embargo/core/error.hpp>

namespace embargo {

/// "fnv1a64:<16 hex digits>" of `content`: a stable fingerprint to tell configs, feature lists
/// or code versions apart. Not cryptographic: it detects change, not tampering.
inline std::string content_hash(std::string_view content) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : content) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string("fnv1a64:") + buf;
}

/// Manifest of one run. Empty strings mean "not recorded".
struct run_manifest {
  std::string version;          ///< library or pipeline version
  std::string training_start;   ///< first timestamp of the training window (ISO 8601 UTC)
  std::string training_end;     ///< last timestamp of the training window
  std::string features_hash;
  std::string code_hash;
  std::string config_hash;
  std::optional<std::uint64_t> seed;
  nlohmann::json extra = nlohmann::json::object();  ///< anything else the pipeline wants kept
};

inline nlohmann::json to_json(const run_manifest& m) {
  nlohmann::json j = m.extra.is_object() ? m.extra : nlohmann::json::object();
  j["version"] = m.version;
  j["training_window"] = {{"start", m.training_start}, {"end", m.training_end}};
  j["features_hash"] = m.features_hash;
  j["code_hash"] = m.code_hash;
  j["config_hash"] = m.config_hash;
  j["seed"] = m.seed ? nlohmann::json(*m.seed) : nlohmann::json(nullptr);
  return j;
}

/// Inverse of to_json; throws data_error naming `source` and the field on a wrong type.
inline run_manifest manifest_from_json(const nlohmann::json& j, const std::string& source) {
  auto fail = [&](const std::string& f, const std::string& what) { throw data_error(source + ": " + f + ": " + what); };
  if (!j.is_object()) fail("top level", "expected an object");
  run_manifest m;
  auto str = [&](const nlohmann::json& o, const char* k, const std::string& where) {
    auto it = o.find(k);
    if (it == o.end() || it->is_null()) return std::string();
    if (!it->is_string()) fail(where, std::string("expected a string, got ") + it->type_name());
    return it->get<std::string>();
  };
  m.version = str(j, "version", "version");
  if (auto w = j.find("training_window"); w != j.end() && !w->is_null()) {
    if (!w->is_object()) fail("training_window", "expected {\"start\", \"end\"}");
    m.training_start = str(*w, "start", "training_window.start");
    m.training_end = str(*w, "end", "training_window.end");
  }
  m.features_hash = str(j, "features_hash", "features_hash");
  m.code_hash = str(j, "code_hash", "code_hash");
  m.config_hash = str(j, "config_hash", "config_hash");
  if (auto s = j.find("seed"); s != j.end() && !s->is_null()) {
    if (!s->is_number_unsigned()) fail("seed", "expected an integer >= 0, got " + s->dump());
    m.seed = s->get<std::uint64_t>();
  }
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "version" && it.key() != "training_window" && it.key() != "features_hash" &&
        it.key() != "code_hash" && it.key() != "config_hash" && it.key() != "seed")
      m.extra[it.key()] = it.value();
  return m;
}

}  // namespace embargo

#endif
