// The research job's archive for the embargo tool (include/embargo/research/archive_run.hpp),
// in a translation unit of its own (see job_config.cpp).
#include "job_runner.hpp"

#include <embargo/research/archive_run.hpp>

#include "cli.hpp"

namespace embargo::cli {

std::string archive_job(const research::research_results& results, const job_request& rq) {
  research::archive_options ao;
  ao.code = code_identity();
  return research::archive_results(results, rq.archive, rq.data_note, ao).run_id;
}

void print_results_json(const research::research_results& results, const std::string& run_id, const job_request& rq) {
  nlohmann::json out = {{"run", run_id}, {"archive", rq.archive}, {"complete", results.complete()},
                        {"symbols", nlohmann::json::array()}};
  for (const auto& s : results.symbols) {
    nlohmann::json js = {{"symbol", s.symbol()}, {"status", std::string(to_name(s.status))}, {"reasons", s.reasons()}};
    if (s.status == research::symbol_status::trained)
      js["model"] = s.research.models[s.candidate].name, js["classification"] = std::string(to_string(s.gate.classification)),
      js["flags"] = s.gate.flags;
    out["symbols"].push_back(js);
  }
  emit(dump(out), "");
}

}  // namespace embargo::cli
