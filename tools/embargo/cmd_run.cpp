// embargo run: the research job on the user's bars and configuration (JSON; every key is in
// docs/pipeline.md; unknown keys, wrong types and out-of-range values exit 2 naming the key).
#include "cli.hpp"
#include "job_runner.hpp"

#include <filesystem>
#include <system_error>

#include <embargo/data/bars_csv.hpp>

namespace embargo::cli {
namespace {

struct run_args {
  std::string config, data, reference, out = "embargo-run";
  bool dry_run = false, json = false, print_defaults = false;
  long long threads = -1;
};

// A file named by the config: a missing one is reported with its key and resolved path.
void check_config_file(const std::string& config, const char* key, const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return;
  throw data_error(config + ": " + key + ": " + path + (std::filesystem::exists(path, ec) ? " is not a regular file" : " does not exist") +
                   " (resolved relative to the config file's folder)");
}

void run_command(const run_args& a) {
  if (a.print_defaults) return emit(default_config_text(), "");
  const auto files = config_data_files(a.config);
  const std::string data = a.data.empty() ? files.data : a.data;
  const std::string ref_file = a.reference.empty() ? files.reference : a.reference;
  if (data.empty()) throw invalid_argument("no bars: give --data FILE.csv or \"data\" in the config");
  if (a.data.empty()) check_config_file(a.config, "data", data);
  if (a.reference.empty() && !ref_file.empty()) check_config_file(a.config, "reference", ref_file);
  job_request rq{.config = a.config, .archive = a.out, .data_note = "User data: " + data + ".", .dry_run = a.dry_run,
                 .json = a.json, .threads = a.threads};
  const panel bars = read_bars_csv(data);
  panel ref;
  if (!ref_file.empty()) {
    ref = read_bars_csv(ref_file);
    for (const auto& b : bars.symbols)
      if (!ref.find(b.symbol)) throw data_error(ref_file + ": no bars for symbol '" + b.symbol + "'");
  }
  run_job(rq, bars, ref_file.empty() ? nullptr : &ref);
}

void add_run(CLI::App& app) {
  auto a = std::make_shared<run_args>();
  auto* cmd = app.add_subcommand("run", "Run the research job on your bars with a JSON configuration");
  cmd->add_option("--config", a->config, "JSON configuration (see docs/pipeline.md); defaults when absent");
  cmd->add_option("--data", a->data, "Bars CSV (long format); overrides the config's \"data\"");
  cmd->add_option("--reference", a->reference, "A second vendor's bars for the same symbols; overrides the config's \"reference\"");
  cmd->add_option("--out", a->out, "Archive folder")->capture_default_str();
  cmd->add_option("--threads", a->threads, "Worker threads (0: all cores); overrides the config; results do not depend on it")
      ->check(between(0, 256));
  cmd->add_flag("--json", a->json, "Print the results as JSON (run id, each symbol's status, model, tier, flags), not the table");
  cmd->add_flag("--print-defaults", a->print_defaults, "Print every configuration key with its default (JSON) and exit");
  cmd->add_flag("--dry-run", a->dry_run, "Check the data and the configuration, print the plan, train nothing");
  cmd->callback([a] { run_command(*a); });
}

[[maybe_unused]] const bool registered = register_command("run", add_run);

}  // namespace
}  // namespace embargo::cli
