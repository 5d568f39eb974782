// embargo: the training archive (DESIGN.md §8): index.json, one folder per run, and the
// append-only training and monitoring histories. Every file is written atomically; index.json
// is read-modify-written under an flock on <archive>/.lock, so concurrent writers lose nothing.
// embargo-requires: json
#ifndef EMBARGO_ARCHIVE_TRAINING_ARCHIVE_HPP
#define EMBARGO_ARCHIVE_TRAINING_ARCHIVE_HPP

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/archive/file_lock.hpp>
#include <embargo/archive/gate_json.hpp>
#include <embargo/archive/html_report.hpp>
#include <embargo/archive/json_lines.hpp>
#include <embargo/archive/manifest.hpp>
#include <embargo/archive/model_summary.hpp>
#include <embargo/archive/report.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/atomic_file.hpp>
#include <embargo/core/time.hpp>

namespace embargo {

/// Everything a run stores. `summary` is the raw summary kept as summary.json (built from
/// `models` when null); `report_sections` are Markdown sections appended to recommendations.md;
/// `extra_files` are (relative path, content) pairs written into the run folder, e.g. an
/// integrity report or models/<symbol>/model.json; no name in a path may be empty or start with
/// '.', and the first may not shadow a standard file.
struct run_record {
  std::vector<assessed_model> models;
  nlohmann::json summary = nullptr;
  std::optional<run_manifest> manifest;
  std::string config_hash;
  std::vector<std::string> report_sections;
  std::vector<std::pair<std::string, std::string>> extra_files;
};

/// One run of index.json. `id` is the run folder's name (stored as "timestamp", the seed's key):
/// UTC YYYYMMDD_HHMMSS_ffffff (microseconds), plus "-N" when that name is already taken.
struct run_entry {
  std::string id;
  std::string created;  ///< ISO 8601 UTC with microseconds
  std::string config_hash;
  std::size_t model_count = 0, approved_count = 0, review_count = 0, dropped_count = 0;
  std::vector<std::string> approved;  ///< symbols classified APPROVED
};

inline nlohmann::json to_json(const run_entry& e) {
  return {{"timestamp", e.id},
          {"created", e.created},
          {"config_hash", e.config_hash},
          {"model_count", e.model_count},
          {"approved_count", e.approved_count},
          {"review_count", e.review_count},
          {"dropped_count", e.dropped_count},
          {"approved", e.approved}};
}

/// What reindex found and mended: the runs now in the index, the training_history.jsonl lines it
/// appended for runs a crash left out, the temporaries it removed, one warning per skipped folder.
struct reindex_result {
  std::size_t runs = 0;
  std::size_t history_lines_added = 0;
  std::size_t temporaries_removed = 0;
  std::vector<std::string> warnings;
};

/// The training_history.jsonl line of a run: its index entry and, per model, the symbol, the
/// classification and the metrics (`models`: the "models" array of model_assessments.json).
inline nlohmann::json history_line(const run_entry& e, const nlohmann::json& models) {
  nlohmann::json line = to_json(e);
  nlohmann::json brief = nlohmann::json::array();
  for (const auto& m : models) {
    if (!m.is_object()) continue;
    brief.push_back({{"symbol", m.value("symbol", nlohmann::json())},
                     {"classification", m.value("classification", nlohmann::json())},
                     {"metrics", m.value("metrics", nlohmann::json())}});
  }
  line["models"] = std::move(brief);
  return line;
}

namespace detail {
struct utc_now {
  std::string id, iso;
};
inline utc_now archive_clock() {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
  const std::int64_t secs = us / 1000000, frac = us % 1000000;
  const std::int64_t days = secs / 86400, sod = secs % 86400;
  const civil c = civil_from_days(days);
  char id[40], iso[48];
  std::snprintf(id, sizeof id, "%04lld%02u%02u_%02lld%02lld%02lld_%06lld", static_cast<long long>(c.y), c.m, c.d,
                static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                static_cast<long long>(sod % 60), static_cast<long long>(frac));
  std::snprintf(iso, sizeof iso, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%06lldZ", static_cast<long long>(c.y), c.m, c.d,
                static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                static_cast<long long>(sod % 60), static_cast<long long>(frac));
  return {id, iso};
}

inline std::string dump_strict(const nlohmann::json& j, int indent = 2) {
  try {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::strict) + "\n";
  } catch (const nlohmann::json::type_error& e) {
    throw data_error(std::string("archive: cannot write a string that is not valid UTF-8 (") + e.what() + ")");
  }
}

inline bool is_reserved_run_file(std::string_view n) {
  return n == "summary.json" || n == "model_assessments.json" || n == "recommendations.md" || n == "manifest.json" ||
         n == "fitness_history.svg" || n == "tier_counts.svg" || n == "report.html";
}

/// Folders of the archive that are not runs: the lifecycle's daily summaries and champion
/// backups (lifecycle/observability.hpp, lifecycle/registry.hpp). Run ids start with a digit.
inline bool is_archive_folder(std::string_view n) { return n == "daily" || n == "registry_backups"; }

/// "a", "a/b.json": names separated by single '/', none empty, none starting with '.', no NUL.
inline bool is_plain_relative_path(std::string_view p) {
  if (p.empty() || p.find('\0') != std::string_view::npos) return false;
  for (std::size_t from = 0;;) {
    const std::size_t to = std::min(p.find('/', from), p.size());
    if (to == from || p[from] == '.') return false;
    if (to == p.size()) return true;
    from = to + 1;
  }
}
inline std::string string_field(const nlohmann::json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace detail

/// The archive rooted at one folder. Readers never lock (every file is replaced atomically);
/// writers of index.json hold <root>/.lock, appenders hold a lock on the history file itself.
class training_archive {
 public:
  /// The folder is created on the first write; reading an absent archive gives no runs.
  explicit training_archive(std::filesystem::path root) : root_(std::move(root)) {
    detail::require(!root_.empty(), "training_archive: the archive folder must not be empty");
  }

  const std::filesystem::path& root() const noexcept { return root_; }
  std::filesystem::path index_path() const { return root_ / "index.json"; }
  std::filesystem::path training_history_path() const { return root_ / "training_history.jsonl"; }
  std::filesystem::path monitoring_history_path() const { return root_ / "monitoring_history.jsonl"; }

  /// Writes a run and returns its id. The folder is filled under a hidden staging name and
  /// renamed into place, then index.json is rewritten and one line appended to
  /// training_history.jsonl, all under the archive lock. Throws invalid_argument for a bad
  /// extra file name, data_error for a corrupt index.json or a non-UTF-8 string, io_error on I/O.
  std::string write_run(const run_record& run) {
    std::set<std::string, std::less<>> names;
    for (const auto& [name, content] : run.extra_files) {
      detail::require(detail::is_plain_relative_path(name) && !detail::is_reserved_run_file(name.substr(0, name.find('/'))),
                      "training_archive: extra file name \"" + name +
                          "\" must be a relative path of plain names (none empty or hidden), not a standard run file");
      detail::require(names.insert(name).second, "training_archive: extra file \"" + name + "\" given twice");
    }
    std::filesystem::create_directories(root_);
    file_lock lock(root_ / ".lock");
    std::vector<run_entry> index = read_index();
    detail::utc_now now = detail::archive_clock();
    std::string id = now.id;
    for (int n = 1; std::filesystem::exists(root_ / id) || has_id(index, id); ++n) id = now.id + "-" + std::to_string(n);

    run_entry e;
    e.id = id;
    e.created = now.iso;
    e.config_hash = run.config_hash.empty() && run.manifest ? run.manifest->config_hash : run.config_hash;
    nlohmann::json models = nlohmann::json::array();
    for (const auto& m : run.models) {
      nlohmann::json a = assessment_to_json(m.model.symbol, m.result, !m.model.fitness_history.empty());
      a["metrics"] = metrics_to_json(m.model.metrics);
      models.push_back(std::move(a));
      ++e.model_count;
      switch (m.result.classification) {
        case tier::approved: ++e.approved_count; e.approved.push_back(m.model.symbol); break;
        case tier::review: ++e.review_count; break;
        case tier::drop: ++e.dropped_count; break;
      }
    }
    const nlohmann::json assessments = {
        {"timestamp", id}, {"created", now.iso}, {"config_hash", e.config_hash}, {"models", models}};
    std::vector<std::pair<std::string, std::string>> files = {
        {"summary.json", detail::dump_strict(run.summary.is_null() ? summary_json(run.models) : run.summary)},
        {"model_assessments.json", detail::dump_strict(assessments)},
        {"recommendations.md", render_recommendations(id, now.iso, run.models, run.report_sections)},
        {"fitness_history.svg", render_fitness_history_svg(run.models)},
        {"tier_counts.svg", render_tier_counts_svg(run.models)}};
    if (run.manifest) files.emplace_back("manifest.json", detail::dump_strict(to_json(*run.manifest)));
    for (const auto& f : run.extra_files) files.push_back(f);
    {
      // The tear sheet from the documents as they will be on disk (`embargo report` on this run
      // folder later reads the same ones and writes the same page: the browser test compares).
      // The summary and assessments are taken as built, not parsed back: at 1000 symbols parsing
      // the run's JSON was most of the page's cost (1.4 s of 1.9 s).
      run_documents docs;
      docs.id = id;
      docs.created = now.iso;
      docs.summary = run.summary.is_null() ? summary_json(run.models) : run.summary;
      docs.assessments = assessments;
      for (const auto& [name, content] : files)
        if (name != "summary.json" && name != "model_assessments.json") docs.put(name, content);
      files.emplace_back("report.html", render_html_report(docs));
    }

    const std::filesystem::path staging = root_ / (".staging-" + id);
    std::filesystem::remove_all(staging);
    std::filesystem::create_directory(staging);
    try {
      // Nobody reads the staging folder: its files need no atomic replace, only to be on disk
      // before the folder is renamed into place (one filesystem sync, not one fsync per file).
      for (const auto& [name, content] : files) {
        if (name.find('/') != std::string::npos) std::filesystem::create_directories((staging / name).parent_path());
        write_new_file(staging / name, content);
      }
      sync_filesystem(staging);
      std::filesystem::rename(staging, root_ / id);
    } catch (...) {
      std::error_code ec;
      std::filesystem::remove_all(staging, ec);
      throw;
    }
    detail::fsync_directory(root_);
    index.push_back(e);
    write_index(index);
    append_json_line(training_history_path(), history_line(e, models));
    return id;
  }

  /// The runs of index.json in the order they were archived (latest last). Throws data_error
  /// naming index.json when it is corrupt (rebuild it with reindex()).
  std::vector<run_entry> list() const { return read_index(); }

  /// A run: its index entry (null when the folder is missing from the index), the summary, the
  /// assessments, the manifest (null when absent) and the files in its folder.
  nlohmann::json show(std::string_view id) const {
    const std::filesystem::path dir = run_dir(id);
    nlohmann::json j;
    j["timestamp"] = std::string(id);
    j["index"] = nullptr;
    for (const auto& e : read_index())
      if (e.id == id) j["index"] = to_json(e);
    j["summary"] = read_json_file(dir / "summary.json");
    j["assessments"] = read_json_file(dir / "model_assessments.json");
    j["manifest"] = std::filesystem::exists(dir / "manifest.json") ? read_json_file(dir / "manifest.json") : nlohmann::json(nullptr);
    std::vector<std::string> files;
    for (const auto& f : std::filesystem::directory_iterator(dir)) files.push_back(f.path().filename().string());
    std::sort(files.begin(), files.end());
    j["files"] = files;
    return j;
  }

  /// Symbols classified APPROVED in run `id` (the latest run by default), from its assessments.
  std::vector<std::string> approved_models(std::optional<std::string> id = std::nullopt) const {
    if (!id) {
      const auto index = read_index();
      if (index.empty()) throw data_error(index_path().string() + ": the archive has no runs");
      id = index.back().id;
    }
    std::vector<std::string> out;
    for (const auto& m : run_models(*id))
      if (detail::string_field(m, "classification") == "APPROVED") out.push_back(detail::string_field(m, "symbol"));
    return out;
  }

  /// One symbol across runs, oldest first: {"timestamp", "created", "classification", "flags",
  /// "use_checkpoint", "metrics"} for every indexed run that has it.
  std::vector<nlohmann::json> symbol_history(std::string_view symbol) const {
    std::vector<nlohmann::json> out;
    for (const auto& e : read_index())
      for (const auto& m : run_models(e.id))
        if (detail::string_field(m, "symbol") == symbol) {
          nlohmann::json h = m;
          h.erase("symbol");
          h["timestamp"] = e.id;
          h["created"] = e.created;
          out.push_back(std::move(h));
        }
    return out;
  }

  /// Mends what a crash can leave: rebuilds index.json from the run folders (those with a
  /// readable model_assessments.json), sorted by id; appends to training_history.jsonl the line of
  /// every indexed run it lacks (a writer killed between the folder's rename and its append),
  /// never rewriting a line that is there; removes staging folders and the temporaries of
  /// interrupted atomic writes (those of files written under the archive lock at once, the others
  /// once they are older than stale_temporary_age, so that a live writer's is left alone).
  /// Unreadable folders are skipped with a warning.
  reindex_result reindex() {
    reindex_result r;
    std::filesystem::create_directories(root_);
    file_lock lock(root_ / ".lock");
    r.temporaries_removed = remove_temporaries();
    std::vector<run_entry> index;
    std::map<std::string, nlohmann::json, std::less<>> models_of;
    for (const auto& d : std::filesystem::directory_iterator(root_)) {
      const std::string name = d.path().filename().string();
      if (!d.is_directory()) continue;
      if (name.rfind(".staging-", 0) == 0) {
        std::filesystem::remove_all(d.path());  // safe: writers stage only while holding the lock
        continue;
      }
      if (name.front() == '.' || detail::is_archive_folder(name)) continue;
      try {
        const nlohmann::json a = read_json_file(d.path() / "model_assessments.json");
        if (!a.is_object() || !a.contains("models") || !a["models"].is_array())
          throw data_error(d.path().string() + "/model_assessments.json: expected an object with a \"models\" array");
        run_entry e;
        e.id = name;
        e.created = detail::string_field(a, "created");
        e.config_hash = detail::string_field(a, "config_hash");
        for (const auto& m : a["models"]) {
          ++e.model_count;
          const std::string c = m.is_object() ? detail::string_field(m, "classification") : std::string();
          if (c == "APPROVED") {
            ++e.approved_count;
            e.approved.push_back(detail::string_field(m, "symbol"));
          } else if (c == "REVIEW") {
            ++e.review_count;
          } else {
            ++e.dropped_count;
          }
        }
        models_of[e.id] = a["models"];
        index.push_back(std::move(e));
      } catch (const error& ex) {
        r.warnings.push_back(std::string("skipped run folder ") + name + ": " + ex.what());
      }
    }
    std::sort(index.begin(), index.end(), [](const run_entry& a, const run_entry& b) { return a.id < b.id; });
    write_index(index);
    r.runs = index.size();

    std::set<std::string, std::less<>> in_history;
    for (const auto& line : read_json_lines(training_history_path()).records)
      if (line.is_object()) in_history.insert(detail::string_field(line, "timestamp"));
    std::vector<nlohmann::json> missing;
    for (const auto& e : index)
      if (!in_history.contains(e.id)) missing.push_back(history_line(e, models_of[e.id]));
    append_json_lines(training_history_path(), missing);
    r.history_lines_added = missing.size();
    return r;
  }

  /// A temporary this old has no live writer (an atomic write takes well under a second).
  static constexpr std::chrono::minutes stale_temporary_age{10};

  /// Appends one monitoring pass (the seed's monitoring_history.jsonl schema, or any object);
  /// a "timestamp" is added when absent.
  void append_monitoring(nlohmann::json record) {
    detail::require(record.is_object(), "training_archive: a monitoring record must be a JSON object");
    if (!record.contains("timestamp")) record["timestamp"] = detail::archive_clock().iso;
    std::filesystem::create_directories(root_);
    try {
      append_json_line(monitoring_history_path(), record);
    } catch (const nlohmann::json::type_error& e) {
      throw data_error(std::string("monitoring record: a string is not valid UTF-8 (") + e.what() + ")");
    }
  }

  json_lines training_history() const { return read_json_lines(training_history_path()); }
  json_lines monitoring_history() const { return read_json_lines(monitoring_history_path()); }

 private:
  // Called with the archive lock held: the temporaries of index.json, registry.json and the
  // registry's backups (written only under that lock) belong to dead writers.
  std::size_t remove_temporaries() const {
    std::size_t removed = 0;
    const auto now = std::filesystem::file_time_type::clock::now();
    // Two error codes: a failure on one entry (it vanished, it cannot be removed) skips that entry;
    // only a failure to advance ends the scan.
    std::error_code walk_ec;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(root_, walk_ec);
         !walk_ec && it != std::filesystem::recursive_directory_iterator(); it.increment(walk_ec)) {
      const std::string name = it->path().filename().string();
      if (!it->is_regular_file(ec) || !is_atomic_write_temporary(name)) continue;
      const std::filesystem::path parent = it->path().parent_path();
      const bool under_lock = (parent == root_ && (name.rfind(".index.json.tmp.", 0) == 0 || name.rfind(".registry.json.tmp.", 0) == 0)) ||
                              *it->path().lexically_relative(root_).begin() == "registry_backups";
      const auto written = it->last_write_time(ec);
      if (ec) continue;
      if (under_lock || now - written > stale_temporary_age) removed += std::filesystem::remove(it->path(), ec) ? 1 : 0;
    }
    return removed;
  }

  static bool has_id(const std::vector<run_entry>& index, std::string_view id) {
    return std::any_of(index.begin(), index.end(), [&](const run_entry& e) { return e.id == id; });
  }

  static nlohmann::json summary_json(const std::vector<assessed_model>& models) {
    nlohmann::json ms = nlohmann::json::array();
    for (const auto& m : models) {
      nlohmann::json j = metrics_to_json(m.model.metrics);
      j["symbol"] = m.model.symbol;
      j["fitness_history"] = m.model.fitness_history;
      j["validation_interval"] = m.model.validation_interval;
      ms.push_back(std::move(j));
    }
    return {{"models", ms}};
  }

  std::filesystem::path run_dir(std::string_view id) const {
    detail::require(!id.empty() && id.front() != '.' && id.find('/') == std::string_view::npos,
                    "training_archive: \"" + std::string(id) + "\" is not a run id (expected a folder name such as 20240101_120000_000000)");
    const std::filesystem::path dir = root_ / std::string(id);
    if (!std::filesystem::is_directory(dir))
      throw data_error(root_.string() + ": no run \"" + std::string(id) + "\" (see `embargo archive list`)");
    return dir;
  }

  std::vector<nlohmann::json> run_models(std::string_view id) const {
    const std::filesystem::path p = run_dir(id) / "model_assessments.json";
    const nlohmann::json a = read_json_file(p);
    if (!a.is_object() || !a.contains("models") || !a["models"].is_array())
      throw data_error(p.string() + ": expected an object with a \"models\" array");
    return a["models"].get<std::vector<nlohmann::json>>();
  }

  std::vector<run_entry> read_index() const {
    const std::filesystem::path p = index_path();
    std::vector<run_entry> out;
    if (!std::filesystem::exists(p)) return out;
    const std::string hint = "; rebuild it from the run folders with `embargo archive reindex --archive " + root_.string() + "`";
    nlohmann::json j;
    try {
      j = read_json_file(p);
    } catch (const data_error& e) {
      throw data_error(std::string(e.what()) + hint);
    }
    auto bad = [&](const std::string& what) { throw data_error(p.string() + ": " + what + hint); };
    if (!j.is_object() || !j.contains("runs") || !j["runs"].is_array()) bad("expected an object with a \"runs\" array");
    for (std::size_t i = 0; i < j["runs"].size(); ++i) {
      const nlohmann::json& r = j["runs"][i];
      const std::string at = "runs[" + std::to_string(i) + "]";
      if (!r.is_object()) bad(at + ": expected an object");
      run_entry e;
      e.id = detail::string_field(r, "timestamp");
      if (e.id.empty()) bad(at + ".timestamp: expected a non-empty string");
      e.created = detail::string_field(r, "created");
      e.config_hash = detail::string_field(r, "config_hash");
      auto count = [&](const char* k) -> std::size_t {
        auto it = r.find(k);
        if (it == r.end() || !it->is_number_unsigned()) bad(at + "." + k + ": expected an integer >= 0");
        return it->get<std::size_t>();
      };
      e.model_count = count("model_count");
      e.approved_count = count("approved_count");
      e.review_count = count("review_count");
      e.dropped_count = count("dropped_count");
      if (auto a = r.find("approved"); a != r.end() && a->is_array())
        for (const auto& s : *a)
          if (s.is_string()) e.approved.push_back(s.get<std::string>());
      out.push_back(std::move(e));
    }
    return out;
  }

  void write_index(const std::vector<run_entry>& index) const {
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& e : index) runs.push_back(to_json(e));
    write_file_atomically(index_path(), detail::dump_strict({{"version", 1}, {"runs", runs}}));
  }

  std::filesystem::path root_;
};

}  // namespace embargo

#endif
