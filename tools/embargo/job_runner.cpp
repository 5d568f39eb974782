// The embargo tool's research job: configuration in, table out; everything in between is
// include/embargo/research/.
#include "job_runner.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>

#include <embargo/research/job.hpp>
#ifdef EMBARGO_HAS_MPI
#include <embargo/mpi/research.hpp>
#endif

#include "exit_status.hpp"

namespace embargo::cli {
namespace {

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

// A dry run says so too when the archive could not be written, without creating anything; a
// real run creates the folder before the computing, not after it.
void prepare_archive(const job_request& rq) {
  if (std::error_code ec; std::filesystem::exists(rq.archive, ec) && !std::filesystem::is_directory(rq.archive, ec))
    throw data_error("--out " + rq.archive + ": is a file, not an archive folder");
  if (rq.dry_run) return;
  std::error_code ec;
  std::filesystem::create_directories(rq.archive, ec);
  if (ec || !std::filesystem::is_directory(rq.archive))
    throw data_error("--out " + rq.archive + ": cannot create the archive folder" + (ec ? ": " + ec.message() : std::string()));
}

void report(const job_request& rq, const research::research_results& results, std::chrono::steady_clock::time_point t0) {
  const auto run_id = archive_job(results, rq);
  if (rq.json)
    print_results_json(results, run_id, rq);
  else
    print_table(results);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!rq.json)
    std::printf("\nrun %s archived in %s (report.html, recommendations.md, model_assessments.json, summary.json, manifest.json, "
                "integrity.json, config.json, models/; registry.json, decisions.jsonl); %zu approved, %zu review, %zu drop, %zu "
                "excluded, %zu failed; %.1f s\n",
                run_id.c_str(), rq.archive.c_str(), results.count(tier::approved), results.count(tier::review),
                results.count(tier::drop), results.count(research::symbol_status::excluded),
                results.count(research::symbol_status::failed), secs);
  std::fflush(stdout);
  if (!results.complete())
    throw incomplete_run(std::to_string(results.count(research::symbol_status::failed)) +
                         " symbol(s) failed; the others' results are archived in run " + run_id);
}

#ifdef EMBARGO_HAS_MPI
// Under mpirun / srun: rank 0 alone checks the archive folder (and tells the others whether to
// go on, so that none computes for a run that cannot be written), every rank computes its share
// of the symbols, rank 0 concludes, writes and prints (include/embargo/mpi/research.hpp).
void run_job_on_ranks(const job_request& rq, const research::research_job& job, const panel& primary, const panel* reference,
                      std::chrono::steady_clock::time_point t0) {
  const bool root = mpi::session::rank() == mpi::root;
  int go = 1;
  std::exception_ptr refused;
  if (root) {
    try {
      prepare_archive(rq);
    } catch (...) {
      refused = std::current_exception();
      go = 0;
    }
  }
  mpi::check(MPI_Bcast(&go, 1, MPI_INT, mpi::root, MPI_COMM_WORLD), "MPI_Bcast");
  if (refused) std::rethrow_exception(refused);
  if (!go) return;  // rank 0 has thrown the reason
  if (rq.dry_run) {
    if (root) print_plan(rq, job, primary, reference);
    return;
  }
  auto results = mpi::run(job, primary, reference);
  if (root) report(rq, results, t0);
}
#endif

}  // namespace

void run_job(const job_request& rq, const panel& primary, const panel* reference) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto options = options_of(rq);
  research::research_job job(options, model_kinds());
#ifdef EMBARGO_HAS_MPI
  if (mpi::launched()) {
    mpi::session mpi(nullptr, nullptr);
    if (mpi::session::size() > 1) return run_job_on_ranks(rq, job, primary, reference, t0);
  }
#endif
  prepare_archive(rq);
  if (rq.dry_run) return print_plan(rq, job, primary, reference);
  report(rq, job.run(primary, reference, true), t0);
}

}  // namespace embargo::cli
