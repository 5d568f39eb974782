// embargo report: the HTML tear sheet of an archived run (archive/html_report.hpp), the page each
// run writes as report.html, rebuilt from the run folder: for a run of an older version, or to
// put a copy elsewhere.
#include "cli.hpp"

#include <filesystem>
#include <iostream>

#include <embargo/archive.hpp>

namespace embargo::cli {
namespace {

struct report_args {
  std::string archive, run, out;
};

void run_report(const report_args& a) {
  training_archive ar(a.archive);
  std::string id = a.run;
  if (id.empty()) {
    const auto runs = ar.list();
    if (runs.empty()) throw data_error(ar.index_path().string() + ": the archive has no runs");
    id = runs.back().id;
  }
  (void)ar.show(id);  // checks the id (not a path) and that the run exists, naming what is wrong
  if (!a.out.empty() && a.out != "-") {
    std::error_code ec;
    const auto st = std::filesystem::symlink_status(a.out, ec);
    if (!ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st))
      throw invalid_argument("report: --out " + a.out + " exists and is not a regular file (a link, device, FIFO or folder is never replaced)");
  }
  emit(render_html_report(load_run_documents(ar.root() / id)), a.out);
  if (!a.out.empty() && a.out != "-") std::cerr << "embargo: wrote " << a.out << " (run " << id << ")\n";
}

void add_report(CLI::App& app) {
  auto a = std::make_shared<report_args>();
  auto* cmd = app.add_subcommand("report", "The HTML tear sheet of an archived run (what each run writes as report.html)");
  cmd->add_option("--archive", a->archive, "Archive folder")->required();
  cmd->add_option("--run", a->run, "Run timestamp (folder name); the latest run by default");
  cmd->add_option("--out", a->out, "Write the page here (atomically) instead of stdout");
  cmd->callback([a] { run_report(*a); });
}

[[maybe_unused]] const bool registered = register_command("report", add_report);

}  // namespace
}  // namespace embargo::cli
