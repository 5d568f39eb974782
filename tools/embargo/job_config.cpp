// The research job's configuration for the embargo tool: the config file (strict, keys named in
// errors), its data files, the defaults, the dry-run plan. Kept apart from the run and the archive
// so that each translation unit compiles in parallel and under the budget.
#include "job_runner.hpp"

#include <filesystem>

#include <embargo/data/bars.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/core/enum_names.hpp>
#include <embargo/research/config_json.hpp>
#include <embargo/research/job.hpp>

#include "cli.hpp"

namespace embargo::cli {
namespace {

nlohmann::json read_config_json(const std::string& path) {
  return research::parse_config_text(read_text_file(path), path);
}

// A config file's "data" / "reference" name files relative to the config's folder.
std::string resolve(const std::string& config_path, const std::string& file) {
  const std::filesystem::path p(file);
  if (p.is_absolute()) return file;
  return (std::filesystem::path(config_path).parent_path() / p).lexically_normal().string();
}

}  // namespace

research::research_options options_of(const job_request& rq) {
  research::research_options o;
  if (!rq.config.empty()) {
    auto j = read_config_json(rq.config);
    if (j.is_object()) j.erase("data"), j.erase("reference");
    o = research::research_options_from_json(j, rq.config);
  }
  if (rq.threads >= 0) o.threads = static_cast<unsigned>(rq.threads);
  if (rq.seed >= 0) o.seed = static_cast<std::uint64_t>(rq.seed);
  return o;
}

config_files config_data_files(const std::string& config_path) {
  config_files out;
  if (config_path.empty()) return out;
  const auto j = read_config_json(config_path);
  for (auto [key, dest] : {std::pair{"data", &out.data}, std::pair{"reference", &out.reference}})
    if (j.is_object() && j.contains(key)) {
      if (!j[key].is_string()) throw data_error(config_path + ": " + key + ": expected a file name");
      *dest = resolve(config_path, j[key].get<std::string>());
    }
  return out;
}

std::string default_config_text() { return research::to_json(research::research_options{}, true).dump(2) + "\n"; }

void print_plan(const job_request& rq, const research::research_job& job, const panel& primary, const panel* reference) {
  std::size_t bars = 0;
  for (const auto& b : primary.symbols) bars += b.size();
  const auto& options = job.options();
  nlohmann::json plan = {{"symbols", primary.size()}, {"bars", bars}, {"threads", job.threads_for(primary.size())},
                         {"config", research::to_json(options)}, {"config_hash", research::config_hash(options)},
                         {"stages", job.plan()}, {"archive", rq.archive}};
  // What the run would exclude and why: the stages before the models, on every symbol.
  nlohmann::json excluded = nlohmann::json::array();
  std::size_t would_train = 0;
  for (const auto& s : job.screen(primary, reference)) {
    if (s.status == research::symbol_status::trained) {
      ++would_train;
      continue;
    }
    excluded.push_back({{"symbol", s.symbol()}, {"status", std::string(to_name(s.status))}, {"reasons", s.reasons()}});
  }
  plan["would_train"] = would_train;
  plan["excluded"] = excluded;
  emit(dump(plan), "");
}

}  // namespace embargo::cli
