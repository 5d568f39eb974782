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
#include <embargo/data/atomic_file.hpp>
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

  /// Points `alias` of `symbol` at the model `run` exported for it ("" removes the alias); `file`
  /// picks one of the run's files for the symbol (default: the final fit, models/<symbol>/model.json).
  /// Throws invalid_argument for a bad alias name, data_error when the run exported no such model
  /// for the symbol (or the file is not a model file of that symbol). A no-op when the alias already
  /// points there.
  void set_alias(const std::string& symbol, const std::string& alias, const std::string& run, const std::string& reason,
                 std::string file = "") {
    if (file.empty()) file = model_file_path(symbol);
    check_alias_name(alias);
    std::filesystem::create_directories(root_);
    file_lock lock(root_ / ".lock");
    auto all = aliases();
    const auto before = find(all, symbol, alias);
    model_version to;
    if (!run.empty()) {
      if (!embargo::detail::is_plain_relative_path(run) || run.find('/') != std::string::npos || !embargo::detail::is_plain_relative_path(file))
        throw invalid_argument("registry: run \"" + run + "\" and file \"" + file + "\" must be plain names inside the archive");
      const auto path = root_ / run / file;
      std::error_code ec;
      if (!std::filesystem::is_regular_file(path, ec))
        throw data_error(path.string() + ": run " + run + " exported no such model for " + symbol);
      const auto f = read_model_file(path);
      if (f.symbol != symbol) throw data_error(path.string() + ": a model of " + f.symbol + ", not of " + symbol);
      to = {run, f.kind, embargo::detail::archive_clock().iso, file};
    }
    if (before ? before->run == run && before->file == to.file : run.empty()) return;
    const nlohmann::json change = {{"time", embargo::detail::archive_clock().iso}, {"symbol", symbol}, {"alias", alias},
                                   {"from", before ? nlohmann::json(before->run) : nlohmann::json(nullptr)},
                                   {"to", run.empty() ? nlohmann::json(nullptr) : nlohmann::json(run)},
                                   {"from_file", before ? nlohmann::json(before->file) : nlohmann::json(nullptr)},
                                   {"to_file", run.empty() ? nlohmann::json(nullptr) : nlohmann::json(to.file)},
                                   {"kind", to.kind}, {"reason", reason}};
    append_json_line(transitions_path(), change);
    if (alias == "champion" && before) back_up(symbol, *before);
    if (run.empty()) {
      all[symbol].erase(alias);
      if (all[symbol].empty()) all.erase(symbol);
    } else {
      all[symbol][alias] = to;
    }
    write(all);
    log_decision(root_, "alias", symbol,
                 {{"alias", alias}, {"from", change["from"]}, {"to", change["to"]}, {"kind", to.kind}, {"why", reason}});
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
