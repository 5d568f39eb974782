// embargo archive: queries over a training archive (list, show, approved, history, switch)
// and reindex, which rebuilds index.json from the run folders.
#include "cli.hpp"

#include <iostream>

#include <embargo/archive.hpp>
#include <embargo/gates.hpp>

namespace embargo::cli {
namespace {

struct archive_args {
  std::string archive, id, symbol, out;
};

nlohmann::json entries(const std::vector<run_entry>& runs) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& e : runs) j.push_back(to_json(e));
  return j;
}

void warn_all(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::cerr << "embargo: warning: " << w << "\n";
}

void add_archive(CLI::App& app) {
  auto a = std::make_shared<archive_args>();
  auto* cmd = app.add_subcommand("archive", "Query a training archive: list, show, approved, history, switch, reindex");
  cmd->require_subcommand(1);
  cmd->add_option("--archive", a->archive, "Archive folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--out", a->out, "Write the JSON here instead of stdout");

  auto* list = cmd->add_subcommand("list", "Every archived run, oldest first");
  list->callback([a] {
    emit(dump({{"archive", a->archive}, {"runs", entries(training_archive(a->archive).list())}}), a->out);
  });

  auto* show = cmd->add_subcommand("show", "One run: index entry, summary, assessments, manifest, files");
  show->add_option("timestamp", a->id, "Run timestamp (folder name)")->required();
  show->callback([a] { emit(dump(training_archive(a->archive).show(a->id)), a->out); });

  auto* approved = cmd->add_subcommand("approved", "Symbols classified APPROVED in a run (the latest by default)");
  approved->add_option("timestamp", a->id, "Run timestamp (folder name)");
  approved->callback([a] {
    training_archive ar(a->archive);
    std::string id = a->id;
    if (id.empty()) {
      const auto runs = ar.list();
      if (runs.empty()) throw data_error(ar.index_path().string() + ": the archive has no runs");
      id = runs.back().id;
    }
    emit(dump({{"timestamp", id}, {"approved", ar.approved_models(id)}}), a->out);
  });

  auto* history = cmd->add_subcommand("history", "One symbol across runs, oldest first");
  history->add_option("symbol", a->symbol, "Symbol, e.g. BTC/USDT")->required();
  history->callback([a] {
    emit(dump({{"symbol", a->symbol}, {"runs", training_archive(a->archive).symbol_history(a->symbol)}}), a->out);
  });

  auto* sw = cmd->add_subcommand("switch", "Dual-model switch rule over monitoring_history.jsonl");
  sw->callback([a] {
    const json_lines h = training_archive(a->archive).monitoring_history();
    warn_all(h.warnings);
    const switch_decision d = dual_model_switch_rule{}.decide(monitoring_observations(h.records));
    emit(dump({{"use_model_b", d.use_model_b},
               {"qualifying_runs", d.qualifying_runs},
               {"monitoring_runs", h.records.size()},
               {"reason", d.reason}}),
         a->out);
  });

  auto* reindex = cmd->add_subcommand(
      "reindex", "Rebuild index.json from the run folders, append the history lines a crash left out, remove temporaries");
  reindex->callback([a] {
    const reindex_result r = training_archive(a->archive).reindex();
    warn_all(r.warnings);
    emit(dump({{"runs", r.runs},
               {"history_lines_added", r.history_lines_added},
               {"temporaries_removed", r.temporaries_removed},
               {"warnings", r.warnings}}),
         a->out);
  });

  for (auto* sub : {list, show, approved, history, sw, reindex}) sub->fallthrough();  // --archive after the verb
}

[[maybe_unused]] const bool registered = register_command("archive", add_archive);

}  // namespace
}  // namespace embargo::cli
