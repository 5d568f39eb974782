// The embargo tool's side of the research job (include/embargo/research/): reading a
// configuration, running the job, archiving it and printing its table. The job itself is library
// code; this translation unit is where the tool instantiates it, so that every other command
// compiles without it.
#ifndef EMBARGO_TOOLS_JOB_RUNNER_HPP
#define EMBARGO_TOOLS_JOB_RUNNER_HPP

#include <cstdint>
#include <string>

namespace embargo {
struct panel;
}
namespace embargo::research {
struct research_options;
struct research_results;
struct model_catalog;
class research_job;
}

namespace embargo::cli {

struct job_request {
  std::string config;        ///< JSON file; empty: the defaults
  std::string archive;       ///< archive folder
  std::string data_note;     ///< how the report describes the data
  bool dry_run = false;      ///< print the plan and the configuration, train nothing
  bool json = false;         ///< print the results as JSON instead of the table (for scripts)
  // Overrides from the command line (the demo's --threads / --seed); unset when negative.
  long long threads = -1;
  long long seed = -1;
};

/// Reads a research configuration file (strict; exit 2 naming the key). The config's "data"
/// and "reference" keys name bars files relative to the config file's folder: they are returned
/// resolved, and are not part of the job's configuration.
struct config_files {
  std::string data, reference;
};
config_files config_data_files(const std::string& config_path);

/// Every configuration key with its default, as JSON (examples/configs/research.json).
std::string default_config_text();

/// The model kinds the tool offers (job_models.cpp): the standard ones, and "xgboost" when built with it.
research::model_catalog model_kinds();

// The pieces, one translation unit each (job_config.cpp, job_archive.cpp), so that the one that
// runs the job (job_runner.cpp) parses neither CLI11 nor the JSON library.
research::research_options options_of(const job_request& request);
void print_plan(const job_request& request, const research::research_job& job, const panel& primary, const panel* reference);
std::string archive_job(const research::research_results& results, const job_request& request);
void print_results_json(const research::research_results& results, const std::string& run_id, const job_request& request);

/// Runs the job on `primary` (and `reference` when not null), archives the run and prints the
/// table on stdout. Throws incomplete_run (exit 3) after archiving when a symbol failed.
void run_job(const job_request& request, const panel& primary, const panel* reference);

}  // namespace embargo::cli

#endif
