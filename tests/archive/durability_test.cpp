// Crash and concurrency tests of the archive: writers killed with SIGKILL mid-write, and
// several processes archiving and appending at once. No acknowledged run may be lost, no line
// may be invalid except a torn one (skipped with a warning), and every file must parse.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <embargo/archive.hpp>
#include <embargo/gates.hpp>

#include "../test_support.hpp"

using namespace embargo;
using embargo::test::temp_dir;

namespace {
run_record small_run(int i) {
  model_summary s;
  s.symbol = i % 2 ? "BTC/USDT" : "\xc3\x89TH-" + std::to_string(i % 5);
  s.metrics = {{"fitness", 0.5 + 0.01 * (i % 40)}, {"profit_factor", 1.9}, {"consistency", 0.9}, {"max_drawdown", 0.05}};
  s.fitness_history = {0.6, 0.7, 0.65};
  run_record r;
  r.models.push_back({s, seed_gate{}.assess(s.metrics, s.fitness_history)});
  return r;
}

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  ssize_t k;
  while ((k = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(k));
  return out;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t p = 0;
  for (std::size_t q; (q = s.find('\n', p)) != std::string::npos; p = q + 1) out.push_back(s.substr(p, q - p));
  return out;  // a partial last id (killed mid-write to the pipe) is not acknowledged
}

// Every run folder is complete (all its files, the JSON ones parse); returns the folder names.
std::set<std::string> check_run_folders(const std::filesystem::path& root) {
  std::set<std::string> ids;
  for (const auto& d : std::filesystem::directory_iterator(root)) {
    const std::string name = d.path().filename().string();
    if (!d.is_directory() || name.front() == '.') continue;
    ids.insert(name);
    INFO(name);
    CHECK_NOTHROW(read_json_file(d.path() / "summary.json"));
    CHECK_NOTHROW(read_json_file(d.path() / "model_assessments.json"));
    for (const char* f : {"recommendations.md", "fitness_history.svg", "tier_counts.svg", "report.html"})
      CHECK(std::filesystem::file_size(d.path() / f) > 0);
  }
  return ids;
}

// What only a crash leaves: staging folders and atomic-write temporaries in the archive's root.
std::vector<std::string> leftovers(const std::filesystem::path& root) {
  std::vector<std::string> out;
  for (const auto& d : std::filesystem::directory_iterator(root)) {
    const std::string name = d.path().filename().string();
    if (name.rfind(".staging-", 0) == 0 || is_atomic_write_temporary(name)) out.push_back(name);
  }
  return out;
}

// After reindex: every run folder indexed, each with exactly one training_history line, nothing
// left behind.
void check_recovered(training_archive& a, const std::set<std::string>& acknowledged) {
  const reindex_result r = a.reindex();
  CHECK(r.warnings.empty());
  CHECK(leftovers(a.root()).empty());
  const std::set<std::string> folders = check_run_folders(a.root());
  CHECK(r.runs == folders.size());
  std::set<std::string> indexed;
  for (const auto& e : a.list()) indexed.insert(e.id);
  CHECK(indexed == folders);
  for (const auto& id : acknowledged) CHECK(indexed.count(id) == 1);
  std::map<std::string, int> lines_per_run;
  for (const auto& line : a.training_history().records) ++lines_per_run[line.at("timestamp").get<std::string>()];
  for (const auto& id : folders) {
    INFO(id);
    CHECK(lines_per_run[id] == 1);
  }
  CHECK(a.reindex().history_lines_added == 0);  // idempotent
}
}  // namespace

TEST_CASE("archive durability: writers killed with SIGKILL at random moments lose no acknowledged run") {
  temp_dir dir;
  std::set<std::string> acknowledged;
  std::mt19937 rng(20241224);
  std::uniform_int_distribution<int> delay_us(0, 120000);  // a run costs a sync and fsyncs: ms to tens of ms
  const int rounds = 200;
  for (int round = 0; round < rounds; ++round) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      try {
        training_archive a(dir.path());
        for (int i = 0;; ++i) {
          const std::string id = a.write_run(small_run(i)) + "\n";
          if (::write(fds[1], id.data(), id.size()) < 0) ::_exit(4);
          a.append_monitoring({{"comparison", {{"model_b_win_rate", 0.8}}}, {"i", i}});
        }
      } catch (...) {
        ::_exit(3);
      }
    }
    ::close(fds[1]);
    ::usleep(static_cast<useconds_t>(delay_us(rng)));
    ::kill(pid, SIGKILL);
    for (const auto& id : lines_of(read_all(fds[0]))) acknowledged.insert(id);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    INFO("round " << round);
    REQUIRE(WIFSIGNALED(status));  // the writer never failed on its own (exit 3 would mean an exception)
    if (round % 50 == 49) {  // recover mid-way too: later writers append after a reindexed archive
      training_archive a(dir.path());
      check_recovered(a, acknowledged);
    }
  }
  training_archive a(dir.path());
  std::vector<run_entry> runs;
  REQUIRE_NOTHROW(runs = a.list());
  std::set<std::string> indexed;
  for (const auto& e : runs) indexed.insert(e.id);
  CHECK(indexed.size() == runs.size());  // no duplicate id
  for (const auto& id : acknowledged) CHECK(indexed.count(id) == 1);
  const std::set<std::string> folders = check_run_folders(dir.path());
  for (const auto& id : indexed) CHECK(folders.count(id) == 1);

  // Histories: every line parses except torn ones, at most one per kill.
  const json_lines th = a.training_history(), mh = a.monitoring_history();
  CHECK(th.warnings.size() + mh.warnings.size() <= static_cast<std::size_t>(rounds));  // a torn line per kill at most
  for (const auto& r : th.records) CHECK(r.contains("timestamp"));
  a.append_monitoring({{"after", "crashes"}});
  const json_lines mh2 = a.monitoring_history();
  CHECK(mh2.records.size() == mh.records.size() + 1);
  CHECK(mh2.records.back()["after"] == "crashes");
  CHECK(mh2.warnings.size() == mh.warnings.size());

  // Runs renamed into place but killed before the index update (or the history append) come
  // back with reindex, which also removes what the killed writers left.
  check_recovered(a, acknowledged);
  WARN("crash test: " << rounds << " kills, " << acknowledged.size() << " acknowledged runs, " << folders.size()
                      << " run folders, " << th.warnings.size() + mh.warnings.size() << " torn lines");
}

TEST_CASE("archive durability: concurrent writers and appenders lose no update") {
  temp_dir dir;
  const int writers = 4, runs_each = 6;
  int gate[2];
  REQUIRE(::pipe(gate) == 0);
  std::vector<pid_t> pids;
  for (int w = 0; w < writers; ++w) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(gate[1]);
      char c;
      (void)!::read(gate[0], &c, 1);  // all start together when the parent closes the pipe
      try {
        training_archive a(dir.path());
        for (int i = 0; i < runs_each; ++i) {
          a.write_run(small_run(w * 100 + i));
          a.append_monitoring({{"writer", w}, {"i", i}});
        }
      } catch (...) {
        ::_exit(3);
      }
      ::_exit(0);
    }
    pids.push_back(pid);
  }
  ::close(gate[0]);
  ::close(gate[1]);
  for (pid_t pid : pids) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  training_archive a(dir.path());
  const auto runs = a.list();
  CHECK(runs.size() == static_cast<std::size_t>(writers * runs_each));
  std::set<std::string> ids;
  for (const auto& e : runs) ids.insert(e.id);
  CHECK(ids.size() == runs.size());
  CHECK(check_run_folders(dir.path()) == ids);
  const json_lines th = a.training_history(), mh = a.monitoring_history();
  CHECK(th.records.size() == runs.size());
  CHECK(th.warnings.empty());
  CHECK(mh.records.size() == runs.size());
  CHECK(mh.warnings.empty());
}
