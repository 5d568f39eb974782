// Black-box tests of `embargo split`: the folds it prints are checked against the definitions of
// purging and embargo (recomputed here from the events, not from the library), and bad input
// gives exit status 2 with one line on stderr.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <embargo/core/interval.hpp>
#include <embargo/core/random.hpp>
#include <embargo/data/csv.hpp>

#include "run_tool.hpp"

using embargo::interval;
using embargo::test::run_tool;

namespace {

using index_list = std::vector<std::size_t>;

nlohmann::json run_json(const std::string& args) {
  const auto r = run_tool(args);
  INFO(args << "\n" << r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  return nlohmann::json::parse(r.out);
}

// Sorted t0, labels of 0..max_len extra bars, starts 0..3 bars apart (ties included).
std::vector<interval> random_events(std::size_t n, std::uint64_t seed, std::size_t max_len) {
  embargo::splitmix64 g(seed);
  std::vector<interval> ev(n);
  std::size_t t = 0;
  for (auto& e : ev) {
    t += static_cast<std::size_t>(g.uniform() * 4);
    e = {t, t + static_cast<std::size_t>(g.uniform() * static_cast<double>(max_len + 1))};
  }
  return ev;
}

std::string write_events(const embargo::test::temp_dir& dir, const std::vector<interval>& ev) {
  std::string csv = "t0,t1\n";
  for (const auto& e : ev) csv += std::to_string(e.t0) + "," + std::to_string(e.t1) + "\n";
  const auto path = (dir / "events.csv").string();
  embargo::test::write_text(path, csv);
  return "'" + path + "'";
}

// The training set the definitions allow for a given test set: every other observation i such
// that, for each maximal contiguous test block [a, b) whose labels end by T1,
//   i < a:  t1[i] < t0[a]                      (closed intervals: touching is overlap, purged)
//   i >= b: i >= m + e (observation embargo), m = first position >= b with t0 > T1, or
//           t0[i] > T1 + e (time embargo in bars).
index_list allowed_train(const std::vector<interval>& ev, const index_list& test, std::size_t e, bool time_embargo) {
  const std::set<std::size_t> in_test(test.begin(), test.end());
  index_list out;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    bool ok = !in_test.count(i);
    for (std::size_t k = 0; ok && k < test.size();) {
      std::size_t b = k + 1;
      while (b < test.size() && test[b] == test[b - 1] + 1) ++b;
      const std::size_t first = test[k], last = test[b - 1];
      std::size_t t1_max = 0;
      for (std::size_t j = first; j <= last; ++j) t1_max = std::max(t1_max, ev[j].t1);
      if (i < first) ok = ev[i].t1 < ev[first].t0;
      if (i > last && time_embargo) ok = ev[i].t0 > t1_max + e;
      if (i > last && !time_embargo) {
        std::size_t m = last + 1;
        while (m < ev.size() && ev[m].t0 <= t1_max) ++m;
        ok = i >= m + e;
      }
      k = b;
    }
    if (ok) out.push_back(i);
  }
  return out;
}

// Every fold: indices ascending and in range, train and test disjoint, no training label
// overlapping a test label, and exactly the training set the definitions allow.
void check_folds(const nlohmann::json& folds, const std::vector<interval>& ev, std::size_t e, bool time_embargo) {
  for (std::size_t k = 0; k < folds.size(); ++k) {
    INFO("fold " << k);
    const auto train = folds[k]["train"].get<index_list>(), test = folds[k]["test"].get<index_list>();
    REQUIRE(!test.empty());
    REQUIRE(!train.empty());
    CHECK(std::is_sorted(train.begin(), train.end()));
    CHECK(std::is_sorted(test.begin(), test.end()));
    CHECK(train.back() < ev.size());
    CHECK(test.back() < ev.size());
    for (std::size_t i : train)
      for (std::size_t j : test) {
        CHECK(i != j);
        if (overlaps(ev[i], ev[j])) FAIL("training label " << i << " overlaps test label " << j);
      }
    CHECK(train == allowed_train(ev, test, e, time_embargo));
  }
}

}  // namespace

TEST_CASE("split purged-kfold tests every event once and purges and embargoes as defined") {
  struct setup {
    std::size_t n, folds, max_len;
    std::uint64_t seed;
    std::string embargo;  // options as given
    std::size_t e;        // the embargo they mean
    bool time_embargo;
  };
  const std::vector<setup> setups = {
      {60, 5, 12, 1, "--embargo-obs 2", 2, false},
      {97, 4, 20, 2, "--embargo 0.05", 4, false},  // floor(0.05 * 97) = 4
      {50, 3, 8, 3, "--embargo 0", 0, false},
      {80, 6, 15, 4, "--embargo-bars 5", 5, true},
      {40, 2, 30, 5, "--embargo-obs 1 --skfolio-groups", 1, false},
  };
  for (const auto& s : setups) {
    embargo::test::temp_dir dir;
    const auto ev = random_events(s.n, s.seed, s.max_len);
    const std::string args =
        "split purged-kfold --events " + write_events(dir, ev) + " --folds " + std::to_string(s.folds) + " " + s.embargo;
    INFO(args);
    const auto j = run_json(args);
    CHECK(j["splitter"] == "purged_kfold");
    CHECK(j["n_observations"] == s.n);
    const auto& folds = j["folds"];
    REQUIRE(folds.size() == s.folds);
    std::vector<int> tested(s.n, 0);
    for (const auto& f : folds) {
      const auto test = f["test"].get<index_list>();
      CHECK(test.back() - test.front() + 1 == test.size());  // one contiguous block per fold
      for (std::size_t i : test) ++tested.at(i);
    }
    CHECK(std::all_of(tested.begin(), tested.end(), [](int t) { return t == 1; }));
    check_folds(folds, ev, s.e, s.time_embargo);
  }
}

TEST_CASE("split purged-kfold with a larger embargo never trains on more events") {
  embargo::test::temp_dir dir;
  const auto events = write_events(dir, random_events(70, 9, 10));
  const auto none = run_json("split purged-kfold --events " + events + " --folds 5 --embargo-obs 0");
  const auto some = run_json("split purged-kfold --events " + events + " --folds 5 --embargo-obs 6");
  std::size_t dropped = 0;
  for (std::size_t k = 0; k < 5; ++k) {
    const auto a = none["folds"][k]["train"].get<index_list>(), b = some["folds"][k]["train"].get<index_list>();
    CHECK(std::includes(a.begin(), a.end(), b.begin(), b.end()));
    dropped += a.size() - b.size();
  }
  CHECK(dropped == 4 * 6);  // six events after each test block but the last
}

TEST_CASE("split cpcv purges every test block and its paths cover every event once") {
  embargo::test::temp_dir dir;
  const auto ev = random_events(90, 11, 14);
  const auto j = run_json("split cpcv --events " + write_events(dir, ev) + " --groups 6 --test-groups 2 --embargo-obs 3");
  CHECK(j["splitter"] == "combinatorial_purged_cv");
  CHECK(j["n_splits"] == 15);  // C(6, 2)
  CHECK(j["n_paths"] == 5);    // C(5, 1)
  const auto& folds = j["folds"];
  REQUIRE(folds.size() == 15);
  check_folds(folds, ev, 3, false);
  std::vector<int> tested(ev.size(), 0);
  for (const auto& f : folds)
    for (std::size_t i : f["test"].get<index_list>()) ++tested.at(i);
  CHECK(std::all_of(tested.begin(), tested.end(), [](int t) { return t == 5; }));  // each group in C(5, 1) splits

  REQUIRE(j["paths"].size() == 5);
  for (const auto& path : j["paths"]) {
    std::size_t next = 0;
    for (const auto& seg : path) {
      const auto begin = seg["begin"].get<std::size_t>(), end = seg["end"].get<std::size_t>();
      CHECK(begin == next);
      next = end;
      const auto test = folds[seg["split"].get<std::size_t>()]["test"].get<index_list>();
      for (std::size_t i = begin; i < end; ++i) CHECK(std::binary_search(test.begin(), test.end(), i));
    }
    CHECK(next == ev.size());
  }
}

TEST_CASE("split --runs lists the same folds as runs of consecutive indices") {
  embargo::test::temp_dir dir;
  const auto events = write_events(dir, random_events(120, 17, 9));
  for (const std::string cmd : {"split cpcv --groups 6 --test-groups 2 --embargo-obs 2", "split purged-kfold --folds 4",
                                "split walk-forward --train 30 --test 20"}) {
    INFO(cmd);
    const auto listed = run_json(cmd + " --events " + events);
    const auto as_runs = run_json(cmd + " --events " + events + " --runs");
    REQUIRE(as_runs["folds"].size() == listed["folds"].size());
    for (std::size_t k = 0; k < listed["folds"].size(); ++k)
      for (const char* part : {"train", "test"}) {
        index_list expanded;
        std::size_t last_end = 0;
        for (const auto& run : as_runs["folds"][k][part]) {
          const auto begin = run.at(0).get<std::size_t>(), end = run.at(1).get<std::size_t>();
          CHECK(begin < end);                               // never empty
          CHECK((expanded.empty() || begin > last_end));    // maximal: never adjacent to the previous run
          for (std::size_t i = begin; i < end; ++i) expanded.push_back(i);
          last_end = end;
        }
        CHECK(expanded == listed["folds"][k][part].get<index_list>());
      }
  }
}

TEST_CASE("split time-series matches scikit-learn TimeSeriesSplit") {
  const auto j = run_json("split time-series --n 10 --folds 3");
  REQUIRE(j["folds"].size() == 3);
  CHECK(j["folds"][0]["train"] == nlohmann::json({0, 1, 2, 3}));
  CHECK(j["folds"][0]["test"] == nlohmann::json({4, 5}));
  CHECK(j["folds"][2]["train"] == nlohmann::json({0, 1, 2, 3, 4, 5, 6, 7}));
  CHECK(j["folds"][2]["test"] == nlohmann::json({8, 9}));
}

TEST_CASE("split writes --out and --svg files instead of stdout") {
  embargo::test::temp_dir dir;
  const auto events = write_events(dir, random_events(30, 13, 5));
  const auto out = (dir / "folds.json").string(), svg = (dir / "folds.svg").string();
  const auto r = run_tool("split purged-kfold --events " + events + " --folds 3 --out '" + out + "' --svg '" + svg + "'");
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  const auto j = nlohmann::json::parse(embargo::read_text_file(out));
  CHECK(j["folds"] == run_json("split purged-kfold --events " + events + " --folds 3")["folds"]);
  CHECK_THAT(embargo::read_text_file(svg), Catch::Contains("<svg"));
}

TEST_CASE("split rejects bad input with exit 2 and one line") {
  embargo::test::temp_dir dir;
  auto file = [&](const std::string& name, const std::string& text) {
    embargo::test::write_text(dir / name, text);
    return "'" + (dir / name).string() + "'";
  };
  const auto three = file("three.csv", "t0,t1\n0,1\n2,3\n4,5\n");
  struct row {
    std::string args, expected;
  };
  const std::vector<row> table = {
      {"split purged-kfold --folds 5 --events " + three, "n_splits = 5 is more than the 3 observations"},
      {"split purged-kfold --folds 1 --events " + three, "expected at least 2"},
      {"split cpcv --groups 4 --test-groups 1 --events " + three, "n_groups = 4 is more than the 3 observations"},
      {"split cpcv --groups 3 --test-groups 3 --events " + three, "expected 1 <= k < N"},
      {"split purged-kfold --folds 2 --events " + file("back.csv", "t0,t1\n0,1\n5,3\n6,7\n"),
       "back.csv:3: label end t1 = 3 is before its start t0 = 5"},
      {"split purged-kfold --folds 2 --events " + file("unsorted.csv", "t0,t1\n4,5\n2,3\n6,7\n"),
       "unsorted.csv:3: t0 = 2 is before the previous event's t0 = 4"},
      {"split purged-kfold --folds 2 --events '" + (dir / "missing.csv").string() + "'", "missing.csv: cannot open"},
      {"split purged-kfold --folds 2 --events " + file("text.csv", "t0,t1\n0,1\nabc,3\n"),
       "text.csv:3: t0 'abc' is not a non-negative integer"},
      {"split purged-kfold --folds 2 --events " + file("negative.csv", "t0,t1\n0,1\n-2,3\n"),
       "negative.csv:3: t0 '-2' is not a non-negative integer"},
      {"split purged-kfold --folds 2 --events " + file("fields.csv", "t0,t1\n0,1\n2,3,4\n"),
       "fields.csv:3: expected 2 fields, found 3"},
      {"split purged-kfold --folds 2 --events " + file("columns.csv", "start,end\n0,1\n"), "missing column 't0'"},
      {"split purged-kfold --folds 2 --events " + file("header.csv", "t0,t1\n"), "no events after the header row"},
      {"split purged-kfold --folds 2 --events " + file("overlap.csv", "t0,t1\n0,9\n1,9\n2,9\n3,9\n"),
       "no training observations left"},
      {"split purged-kfold --folds 2 --embargo 1.5 --events " + three, "outside [0, 1)"},
      {"split purged-kfold --folds 2 --embargo 0.1 --embargo-obs 1 --events " + three, "excludes"},
      {"split purged-kfold --folds 2", "--events is required"},
  };
  for (const auto& r : table) {
    INFO(r.args);
    const auto res = run_tool(r.args);
    CHECK(res.status == 2);
    CHECK(res.out.empty());
    CHECK_THAT(res.err, Catch::StartsWith("embargo: ") && Catch::Contains(r.expected));
    CHECK(std::count(res.err.begin(), res.err.end(), '\n') == 1);
    CHECK(res.err.back() == '\n');
  }
}
