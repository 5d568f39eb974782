// The embargo tool's research job: configuration in, table out; everything in between is
// include/embargo/research/.
#include "job_runner.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include <embargo/data/csv.hpp>
#include <embargo/research.hpp>

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

std::string cell(double v, const char* f) {
  char b[32];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

void print_table(const research::research_results& res) {
  std::printf("%-8s %-18s %-9s %7s %7s %6s %6s %6s %6s %6s  %s\n", "symbol", "model", "tier", "fitness", "sharpe", "pf", "consis",
              "maxdd", "dsr", "trades", "flags");
  for (const auto& s : res.symbols) {
    std::string flags;
    if (s.status != research::symbol_status::trained) {
      for (const auto& f : s.reasons()) flags += (flags.empty() ? "" : ",") + f;
      std::printf("%-8s %-18s %-9s %7s %7s %6s %6s %6s %6s %6s  %s\n", s.symbol().c_str(), "-",
                  s.status == research::symbol_status::failed ? "FAILED" : "EXCLUDED", "-", "-", "-", "-", "-", "-", "-",
                  flags.c_str());
      continue;
    }
    for (const auto& f : s.gate.flags) flags += (flags.empty() ? "" : ",") + f;
    const auto& m = s.evaluations[s.candidate].metrics;
    auto g = [&](const char* k) { return m.get(k).value_or(NAN); };
    std::printf("%-8s %-18s %-9s %7s %7s %6s %6s %6s %6s %6.0f  %s\n", s.symbol().c_str(), s.research.models[s.candidate].name.c_str(),
                std::string(to_string(s.gate.classification)).c_str(), cell(g("fitness"), "%.3f").c_str(),
                cell(g("sharpe"), "%.2f").c_str(), cell(g("profit_factor"), "%.2f").c_str(), cell(g("consistency"), "%.2f").c_str(),
                cell(g("max_drawdown"), "%.3f").c_str(), cell(g("dsr"), "%.3f").c_str(), g("trades"), flags.empty() ? "-" : flags.c_str());
  }
}

}  // namespace

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

void run_job(const job_request& rq, const panel& primary, const panel* reference) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto options = options_of(rq);
  research::research_job job(options);
  if (rq.dry_run) {
    std::size_t bars = 0;
    for (const auto& b : primary.symbols) bars += b.size();
    nlohmann::json plan = {{"symbols", primary.size()}, {"bars", bars}, {"threads", job.threads_for(primary.size())},
                           {"config", research::to_json(options)}, {"config_hash", research::config_hash(options)},
                           {"stages", job.plan()}, {"archive", rq.archive}};
    emit(dump(plan), "");
    return;
  }
  // The archive must be creatable before the computing, not after it.
  std::error_code ec;
  std::filesystem::create_directories(rq.archive, ec);
  if (ec || !std::filesystem::is_directory(rq.archive))
    throw data_error("--out " + rq.archive + ": cannot create the archive folder" + (ec ? ": " + ec.message() : std::string()));
  const auto results = job.run(primary, reference, true);
  const auto archived = research::archive_results(results, rq.archive, rq.data_note);
  if (rq.json) {
    nlohmann::json out = {{"run", archived.run_id}, {"archive", rq.archive}, {"complete", results.complete()},
                          {"symbols", nlohmann::json::array()}};
    for (const auto& s : results.symbols) {
      nlohmann::json js = {{"symbol", s.symbol()}, {"status", std::string(to_name(s.status))}, {"reasons", s.reasons()}};
      if (s.status == research::symbol_status::trained)
        js["model"] = s.research.models[s.candidate].name, js["classification"] = std::string(to_string(s.gate.classification)),
        js["flags"] = s.gate.flags;
      out["symbols"].push_back(js);
    }
    emit(dump(out), "");
  } else {
    print_table(results);
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!rq.json)
    std::printf("\nrun %s archived in %s (recommendations.md, model_assessments.json, summary.json, manifest.json, "
              "integrity.json, config.json); %zu approved, %zu review, %zu drop, %zu excluded, %zu failed; %.1f s\n",
              archived.run_id.c_str(), rq.archive.c_str(), results.count(tier::approved), results.count(tier::review),
              results.count(tier::drop), results.count(research::symbol_status::excluded),
              results.count(research::symbol_status::failed), secs);
  std::fflush(stdout);
  if (!results.complete())
    throw incomplete_run(std::to_string(results.count(research::symbol_status::failed)) +
                         " symbol(s) failed; the others' results are archived in run " + archived.run_id);
}

}  // namespace embargo::cli
