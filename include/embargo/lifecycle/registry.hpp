// embargo: the model registry of an archive. Per symbol, aliases (champion, challenger, or any
// name a user adds) point at a model version: the model file a run exported for the symbol
// (<run>/models/<symbol>/model.json). As MLflow's aliases replaced fixed stages, an alias is a
// movable name, not a state of the model. <archive>/registry.json holds the current aliases
// (rewritten atomically); every change is first appended to <archive>/registry_transitions.jsonl
// (time, symbol, alias, from, to, reason) and to the decision log. Before the champion moves, the
// files of the model it leaves are copied to <archive>/registry_backups/<symbol>/<run>/, of which
// the newest `keep_backups` per symbol are kept.
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_REGISTRY_HPP
#define EMBARGO_LIFECYCLE_REGISTRY_HPP

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/archive/file_lock.hpp>
#include <embargo/archive/json_lines.hpp>
#include <embargo/archive/training_archive.hpp>
#include <embargo/core/atomic_file.hpp>
#include <embargo/lifecycle/decision_log.hpp>
#include <embargo/lifecycle/model_export.hpp>

namespace embargo::lifecycle {

inline constexpr int registry_format_version = 1;

/// What an alias points at.
struct model_version {
  std::string run;   ///< the run folder that exported the model
  std::string kind;  ///< its model kind
  std::string set;   ///< when the alias was set (ISO 8601 UTC)
  std::string file;  ///< the model file in the run folder: models/<symbol>/model.json, model_a.json or model_b.json
};

class model_registry {
 public:
  /// `keep_backups`: champion backups kept per symbol (>= 1).
  explicit model_registry(std::filesystem::path archive, std::size_t keep_backups = 5)
      : root_(std::move(archive)), keep_(keep_backups) {
    if (keep_ < 1 || keep_ > 1000) throw invalid_argument("model_registry: keep_backups must be in [1, 1000]");
  }

  std::filesystem::path registry_path() const { return root_ / "registry.json"; }
  std::filesystem::path transitions_path() const { return root_ / "registry_transitions.jsonl"; }
  std::filesystem::path backups_path() const { return root_ / "registry_backups"; }

  /// symbol -> alias -> version. Empty when the archive has no registry yet; data_error naming
  /// registry.json when it is corrupt.
  std::map<std::string, std::map<std::string, model_version>> aliases() const {
    std::map<std::string, std::map<std::string, model_version>> out;
    std::error_code ec;
    if (!std::filesystem::exists(registry_path(), ec)) return out;
    std::ifstream in(registry_path(), std::ios::binary);
    if (!in) throw io_error(registry_path().string() + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    const std::string where = registry_path().string();
    try {
      const auto doc = nlohmann::json::parse(text.str());
      if (doc.value("format_version", 0) != registry_format_version)
        throw data_error(where + ": registry format version " + doc.value("format_version", nlohmann::json()).dump() + " is not supported");
      for (const auto& [symbol, names] : doc.at("symbols").items())
        for (const auto& [alias, v] : names.items())
          out[symbol][alias] = {v.at("run").get<std::string>(), v.at("kind").get<std::string>(), v.at("set").get<std::string>(),
                                v.at("file").get<std::string>()};
    } catch (const nlohmann::json::exception& e) {
      throw data_error(where + ": corrupt registry (" + std::string(e.what()) + ")");
    }
    return out;
  }

  std::optional<model_version> resolve(const std::string& symbol, const std::string& alias) const {
    const auto all = aliases();
    const auto s = all.find(symbol);
    if (s == all.end()) return std::nullopt;
    const auto a = s->second.find(alias);
    if (a == s->second.end()) return std::nullopt;
    return a->second;
  }

  /// The model file an alias points at (the path need not exist: check with load_model).
  std::filesystem::path model_path(const model_version& v) const { return root_ / v.run / v.file; }

  /// One alias to move: `alias` of `symbol` to the model `run` exported for it ("" removes the
  /// alias); `file` picks one of the run's files for the symbol (default: the final fit,
  /// models/<symbol>/model.json).
  struct alias_request {
    std::string symbol, alias, run, reason, file;
  };

  /// Moves the aliases in order, under the archive lock, with one read and one rewrite of
  /// registry.json, one append to each log. Everything is checked before anything is written:
  /// invalid_argument for a bad alias name, data_error when a run exported no such model for the
  /// symbol (or the file is not a model file of that symbol). A request that changes nothing is
  /// skipped. Returns the number of changes.
  std::size_t set_aliases(std::vector<alias_request> requests) {
    std::filesystem::create_directories(root_);
    file_lock lock(root_ / ".lock");
    auto all = aliases();
    std::vector<nlohmann::json> transitions, decisions;
    std::vector<std::pair<std::string, model_version>> left;  // champions to back up
    for (auto& q : requests) {
      check_alias_name(q.alias);
      if (q.file.empty()) q.file = model_file_path(q.symbol);
      const auto before = find(all, q.symbol, q.alias);
      model_version to;
      if (!q.run.empty()) {
        if (!embargo::detail::is_plain_relative_path(q.run) || q.run.find('/') != std::string::npos ||
            !embargo::detail::is_plain_relative_path(q.file))
          throw invalid_argument("registry: run \"" + q.run + "\" and file \"" + q.file + "\" must be plain names inside the archive");
        const auto path = root_ / q.run / q.file;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec))
          throw data_error(path.string() + ": run " + q.run + " exported no such model for " + q.symbol);
        const auto f = read_model_file(path);
        if (f.symbol != q.symbol) throw data_error(path.string() + ": a model of " + f.symbol + ", not of " + q.symbol);
        to = {q.run, f.kind, embargo::detail::archive_clock().iso, q.file};
      }
      if (before ? before->run == q.run && before->file == to.file : q.run.empty()) continue;
      const auto opt = [](bool set, const std::string& v) { return set ? nlohmann::json(v) : nlohmann::json(nullptr); };
      transitions.push_back({{"time", embargo::detail::archive_clock().iso}, {"symbol", q.symbol}, {"alias", q.alias},
                             {"from", opt(before.has_value(), before ? before->run : "")}, {"to", opt(!q.run.empty(), q.run)},
                             {"from_file", opt(before.has_value(), before ? before->file : "")},
                             {"to_file", opt(!q.run.empty(), to.file)}, {"kind", to.kind}, {"reason", q.reason}});
      decisions.push_back(decision("alias", q.symbol,
                                   {{"alias", q.alias}, {"from", transitions.back()["from"]}, {"to", transitions.back()["to"]},
                                    {"file", transitions.back()["to_file"]}, {"kind", to.kind}, {"why", q.reason}}));
      if (q.alias == "champion" && before) left.emplace_back(q.symbol, *before);
      if (q.run.empty()) {
        all[q.symbol].erase(q.alias);
        if (all[q.symbol].empty()) all.erase(q.symbol);
      } else {
        all[q.symbol][q.alias] = to;
      }
    }
    if (transitions.empty()) return 0;
    // The logs first: a crash before the rewrite leaves a logged change the registry lacks, which
    // the history shows, never a silent change.
    append_json_lines(transitions_path(), transitions);
    for (const auto& [symbol, version] : left) back_up(symbol, version);
    write(all);
    log_decisions(root_, decisions);
    return transitions.size();
  }

  /// One alias (set_aliases); a no-op when the alias already points there.
  void set_alias(const std::string& symbol, const std::string& alias, const std::string& run, const std::string& reason,
                 std::string file = "") {
    set_aliases({{symbol, alias, run, reason, std::move(file)}});
  }

  /// Every alias change, oldest first (one symbol's when `symbol` is given).
  std::vector<nlohmann::json> history(const std::optional<std::string>& symbol = std::nullopt) const {
    std::vector<nlohmann::json> out;
    for (auto& r : read_json_lines(transitions_path()).records)
      if (!symbol || r.value("symbol", "") == *symbol) out.push_back(std::move(r));
    return out;
  }

  static void check_alias_name(const std::string& alias) {
    const bool ok = !alias.empty() && alias.size() <= 64 && std::all_of(alias.begin(), alias.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    if (!ok) throw invalid_argument("registry: alias \"" + alias + "\" must be 1-64 of a-z, 0-9, '_' and '-'");
  }

 private:
  static std::optional<model_version> find(const std::map<std::string, std::map<std::string, model_version>>& all,
                                           const std::string& symbol, const std::string& alias) {
    const auto s = all.find(symbol);
    if (s == all.end() || !s->second.count(alias)) return std::nullopt;
    return s->second.at(alias);
  }

  void write(const std::map<std::string, std::map<std::string, model_version>>& all) const {
    nlohmann::json symbols = nlohmann::json::object();
    for (const auto& [symbol, names] : all)
      for (const auto& [alias, v] : names) symbols[symbol][alias] = {{"run", v.run}, {"kind", v.kind}, {"set", v.set}, {"file", v.file}};
    write_file_atomically(registry_path(), nlohmann::json{{"format_version", registry_format_version}, {"symbols", symbols}}.dump(2) + "\n");
  }

  // The champion's model folder, copied before the alias leaves it; the oldest copies beyond
  // keep_ are removed (run ids sort by time).
  void back_up(const std::string& symbol, const model_version& v) const {
    const auto from = root_ / v.run / v.file;
    const auto dir = backups_path() / symbol_folder(symbol);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(from, ec)) return;  // the run was removed: nothing to keep
    std::filesystem::create_directories(dir / v.run);
    std::ifstream in(from, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    write_file_atomically(dir / v.run / std::filesystem::path(v.file).filename(), text.str());
    std::vector<std::filesystem::path> kept;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.is_directory() && e.path().filename().string().front() != '.') kept.push_back(e.path());
    std::sort(kept.begin(), kept.end());
    for (std::size_t i = 0; i + keep_ < kept.size(); ++i) std::filesystem::remove_all(kept[i]);
  }

  std::filesystem::path root_;
  std::size_t keep_;
};

}  // namespace embargo::lifecycle

#endif
