// embargo run: the research pipeline on the user's bars and settings (JSON config; every key is
// documented in docs/pipeline.md; unknown keys are errors).
#include "cli.hpp"
#include "research_config_json.hpp"
#include "research_run.hpp"

#include <cstdio>

#include <embargo/data/bars_csv.hpp>
#include <embargo/data/csv.hpp>

namespace embargo::cli {
namespace {

struct run_args {
  std::string config, data, reference, out = "embargo-run";
  bool dry_run = false;
};

void run_command(const run_args& a) {
  research_config cfg;
  std::string data = a.data;
  if (!a.config.empty()) {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(read_text_file(a.config));
    } catch (const nlohmann::json::parse_error& e) {
      throw data_error(a.config + ": not valid JSON: " + e.what());
    }
    // "data" and "reference" may name the bars files; the rest is the pipeline's configuration.
    if (j.is_object() && j.contains("data")) {
      if (!j["data"].is_string()) throw data_error(a.config + ".data: expected a file name");
      if (data.empty()) data = j["data"].get<std::string>();
      j.erase("data");
    }
    if (j.is_object() && j.contains("reference")) {
      if (!j["reference"].is_string()) throw data_error(a.config + ".reference: expected a file name");
      j.erase("reference");
    }
    cfg = research_config_from_json(j, a.config);
  }
  if (data.empty()) throw invalid_argument("no bars: give --data FILE.csv or \"data\" in the config");
  const panel bars = read_bars_csv(data);
  panel ref;
  if (!a.reference.empty()) ref = read_bars_csv(a.reference);
  for (const auto& b : bars.symbols)
    if (!a.reference.empty() && !ref.find(b.symbol))
      throw data_error(a.reference + ": no bars for symbol '" + b.symbol + "'");
  if (a.dry_run) {
    nlohmann::json plan = {{"data", data}, {"symbols", bars.size()}, {"config", to_json(cfg)}, {"config_hash", config_hash(cfg)},
                           {"stages", research_plan(cfg)}, {"archive", a.out}};
    std::size_t total = 0;
    for (const auto& b : bars.symbols) total += b.size();
    plan["bars"] = total;
    emit(dump(plan), "");
    return;
  }
  const auto r = run_research(cfg, bars, a.reference.empty() ? nullptr : &ref, a.out, "User data: " + data + ".");
  nlohmann::json out = {{"run", r.run_id}, {"archive", a.out}, {"models", nlohmann::json::array()}};
  for (const auto& row : r.rows)
    out["models"].push_back({{"symbol", row.symbol}, {"model", row.model}, {"classification", row.tier}, {"flags", row.flags}});
  emit(dump(out), "");
}

void add_run(CLI::App& app) {
  auto a = std::make_shared<run_args>();
  auto* cmd = app.add_subcommand("run", "Run the research pipeline on your bars with a JSON configuration");
  cmd->add_option("--config", a->config, "JSON configuration (see docs/pipeline.md); defaults when absent");
  cmd->add_option("--data", a->data, "Bars CSV (long format); overrides the config's \"data\"");
  cmd->add_option("--reference", a->reference, "A second vendor's bars for the same symbols");
  cmd->add_option("--out", a->out, "Archive folder")->capture_default_str();
  cmd->add_flag("--dry-run", a->dry_run, "Validate the data and the configuration, print the plan, train nothing");
  cmd->callback([a] { run_command(*a); });
}

[[maybe_unused]] const bool registered = register_command("run", add_run);

}  // namespace
}  // namespace embargo::cli
