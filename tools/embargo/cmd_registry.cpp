// embargo registry: the archive's model aliases (include/embargo/lifecycle/registry.hpp):
// list them, point one at a run's exported model, and show the history of changes.
#include "cli.hpp"

#include <embargo/lifecycle/registry.hpp>

namespace embargo::cli {
namespace {

struct registry_args {
  std::string archive, symbol, alias, run, reason = "set by hand", out, file = "model";
  bool remove = false;
};

void add_registry(CLI::App& app) {
  auto a = std::make_shared<registry_args>();
  auto* cmd = app.add_subcommand("registry", "Model registry of an archive: list, set-alias, history");
  cmd->require_subcommand(1);
  cmd->add_option("--archive", a->archive, "Archive folder")->required();
  cmd->add_option("--out", a->out, "Write the JSON here instead of stdout");

  auto* list = cmd->add_subcommand("list", "Every symbol's aliases and the model each points at");
  list->callback([a] {
    nlohmann::json symbols = nlohmann::json::object();
    for (const auto& [symbol, names] : lifecycle::model_registry(a->archive).aliases())
      for (const auto& [alias, v] : names) symbols[symbol][alias] = {{"run", v.run}, {"kind", v.kind}, {"set", v.set}, {"file", v.file}};
    emit(dump({{"archive", a->archive}, {"symbols", symbols}}), a->out);
  });

  auto* set = cmd->add_subcommand("set-alias", "Point an alias of a symbol at the model a run exported (or --remove it)");
  set->add_option("symbol", a->symbol, "Symbol")->required();
  set->add_option("alias", a->alias, "Alias: champion, challenger or a name of your own (a-z, 0-9, _ and -)")->required();
  set->add_option("run", a->run, "Run id (folder name) whose exported model the alias points at");
  set->add_flag("--remove", a->remove, "Remove the alias instead");
  set->add_option("--file", a->file, "Which of the run's models: model (the final fit), model_a or model_b (the dual-model pair)")
      ->check(CLI::IsMember({"model", "model_a", "model_b"}))
      ->capture_default_str();
  set->add_option("--reason", a->reason, "Why (kept in the transition log and the decision log)")->capture_default_str();
  set->callback([a] {
    if (a->remove == !a->run.empty()) throw invalid_argument("registry set-alias: give a run id, or --remove, not both");
    const std::string file = "models/" + lifecycle::symbol_folder(a->symbol) + "/" + a->file + ".json";
    lifecycle::model_registry(a->archive).set_alias(a->symbol, a->alias, a->remove ? "" : a->run, a->reason, file);
    emit(dump({{"symbol", a->symbol}, {"alias", a->alias}, {"run", a->remove ? nlohmann::json(nullptr) : nlohmann::json(a->run)}}), a->out);
  });

  auto* history = cmd->add_subcommand("history", "Every alias change, oldest first (one symbol's with --symbol)");
  history->add_option("--symbol", a->symbol, "Only this symbol");
  history->callback([a] {
    const auto h = lifecycle::model_registry(a->archive).history(a->symbol.empty() ? std::nullopt : std::optional<std::string>(a->symbol));
    emit(dump({{"archive", a->archive}, {"transitions", h}}), a->out);
  });
  for (auto* sub : {list, set, history}) sub->fallthrough();
}

[[maybe_unused]] const bool registered = register_command("registry", add_registry);

}  // namespace
}  // namespace embargo::cli
