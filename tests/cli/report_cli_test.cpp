// `embargo report`: the run's report.html rebuilt from its folder, and bad input refused with
// exit 2 and one line naming what was wrong (no run, a run id that is a path, an --out that is a
// FIFO or a link, which are never replaced by a file).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>

#include <embargo/data/csv.hpp>

#include "../test_support.hpp"
#include "run_tool.hpp"

using embargo::test::run_tool;

namespace {
std::string latest_run(const std::filesystem::path& archive) {
  std::string id;
  for (const auto& d : std::filesystem::directory_iterator(archive)) {
    const auto n = d.path().filename().string();
    if (d.is_directory() && std::isdigit(static_cast<unsigned char>(n.front())) && n > id) id = n;
  }
  return id;
}
}  // namespace

TEST_CASE("report: the run's report.html, rebuilt from the run folder, to stdout or --out") {
  embargo::test::temp_dir dir;
  const auto arch = (dir.path() / "a").string();
  REQUIRE(run_tool("demo --symbols 2 --out '" + arch + "'").status == 0);
  const std::string id = latest_run(arch);
  const std::string written = embargo::read_text_file((std::filesystem::path(arch) / id / "report.html").string());
  CHECK_THAT(written, Catch::StartsWith("<!DOCTYPE html>"));
  for (const char* chart : {"id=\"equity-0\"", "id=\"underwater-1\"", "id=\"splits-0\"", "id=\"gate-criteria\""})
    CHECK_THAT(written, Catch::Contains(chart));
  const auto out = run_tool("report --archive '" + arch + "'");
  CHECK(out.status == 0);
  CHECK(out.out == written);
  const auto file = (dir.path() / "r.html").string();
  const auto to_file = run_tool("report --archive '" + arch + "' --run " + id + " --out '" + file + "'");
  CHECK(to_file.status == 0);
  CHECK(embargo::read_text_file(file) == written);
}

TEST_CASE("report: bad input exits 2 with one line naming it") {
  embargo::test::temp_dir dir;
  const auto arch = (dir.path() / "a").string();
  auto no_runs = run_tool("report --archive '" + arch + "'");
  CHECK(no_runs.status == 2);
  CHECK_THAT(no_runs.err, Catch::Contains("the archive has no runs"));
  REQUIRE(run_tool("demo --symbols 1 --out '" + arch + "'").status == 0);
  auto path_id = run_tool("report --archive '" + arch + "' --run ../etc");
  CHECK(path_id.status == 2);
  CHECK_THAT(path_id.err, Catch::Contains("is not a run id"));
  auto unknown = run_tool("report --archive '" + arch + "' --run 20000101_000000_000000");
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.err, Catch::Contains("no run"));
  const auto fifo = dir.path() / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto to_fifo = run_tool("report --archive '" + arch + "' --out '" + fifo.string() + "'");
  CHECK(to_fifo.status == 2);
  CHECK_THAT(to_fifo.err, Catch::Contains("is not a regular file"));
  CHECK(std::filesystem::is_fifo(fifo));
  const auto link = dir.path() / "link.html";
  std::filesystem::create_symlink(dir.path() / "target.html", link);
  auto to_link = run_tool("report --archive '" + arch + "' --out '" + link.string() + "'");
  CHECK(to_link.status == 2);
  CHECK(std::filesystem::is_symlink(link));
  // A corrupt document is named.
  const std::string id = latest_run(arch);
  { std::ofstream(std::filesystem::path(arch) / id / "splits.json") << "{not json"; }
  auto corrupt = run_tool("report --archive '" + arch + "'");
  CHECK(corrupt.status == 2);
  CHECK_THAT(corrupt.err, Catch::Contains("splits.json"));
}
