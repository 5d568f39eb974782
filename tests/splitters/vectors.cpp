// Splitters against the peers' reference vectors (tests/data/, copied from shared/refs/vectors).
// Where a peer is wrong (mlfinlab's purge window) the test pins the reference semantics and shows
// the peer's leak; where a peer has another convention (skfolio's groups and counts) a policy or
// an input transformation reproduces it exactly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <embargo/core/time.hpp>
#include <embargo/splitters.hpp>

#include "../test_support.hpp"

using namespace embargo;
using nlohmann::json;

namespace {

std::vector<fold> folds_of(const json& j, const char* test_key = "test") {
  std::vector<fold> out;
  for (const auto& f : j) {
    fold g;
    g.train = index_set::from_indices(f.at("train").get<std::vector<std::size_t>>());
    if (std::string(test_key) == "tests") {
      for (const auto& t : f.at("tests"))
        for (auto i : t.get<std::vector<std::size_t>>()) g.test.push_back(i);
    } else {
      g.test = index_set::from_indices(f.at(test_key).get<std::vector<std::size_t>>());
    }
    out.push_back(std::move(g));
  }
  return out;
}

// ISO dates of the vectors -> day positions from the first t0 (the vectors use daily bars).
std::vector<interval> events_of(const json& t0, const json& t1) {
  const auto base = *parse_timestamp(t0.at(0).get<std::string>());
  auto day = [&](const json& s) { return static_cast<std::size_t>((*parse_timestamp(s.get<std::string>()) - base) / 86400); };
  std::vector<interval> ev;
  for (std::size_t i = 0; i < t0.size(); ++i) ev.push_back({day(t0[i]), day(t1[i])});
  return ev;
}

// Count-based purging of skfolio (purged_size p observations on both sides of a test block) is
// interval purging of labels [i, i + p]; the embargo is then observation_embargo.
std::vector<interval> fixed_span_events(std::size_t n, std::size_t p) {
  std::vector<interval> ev(n);
  for (std::size_t i = 0; i < n; ++i) ev[i] = {i, i + p};
  return ev;
}

// The vectors' keys are Python json.dumps(sort_keys=True) of the configuration.
std::string py_dump(const json& c) {
  std::string s = "{";
  for (auto it = c.begin(); it != c.end(); ++it) s += (s.size() > 1 ? ", \"" : "\"") + it.key() + "\": " + it.value().dump();
  return s + "}";
}

bool leaks(const fold& f, const std::vector<interval>& ev) {
  for (auto i : f.train)
    for (auto j : f.test)
      if (overlaps(ev[i], ev[j])) return true;
  return false;
}

}  // namespace

TEST_CASE("purged_kfold reproduces the reference semantics and shows mlfinlab's leak", "[splitters][vectors]") {
  for (const char* file : {"purged_kfold_monotone_t1.json", "purged_kfold_nonmonotone_t1.json"}) {
    auto v = test::load_vector(file);
    const auto ev = events_of(v["input"]["t0"], v["input"]["t1"]);
    REQUIRE(ev.size() == 20);
    const auto pos = v["input"]["t1_position"].get<std::vector<std::size_t>>();
    for (std::size_t i = 0; i < ev.size(); ++i) REQUIRE(ev[i].t1 == pos[i]);
    for (double pct : {0.0, 0.1}) {
      INFO(file << " pct " << pct);
      auto& e = v["expected"][pct == 0.0 ? "pct_embargo=0.0" : "pct_embargo=0.1"];
      REQUIRE(embargo_count_from_fraction(pct, 20) == e["embargo_obs"].get<std::size_t>());
      const auto ours = purged_kfold({.n_splits = 4, .embargo_fraction = pct}).split(ev);
      CHECK(ours == folds_of(e["reference_semantics"]));
      for (const auto& f : ours) CHECK_FALSE(leaks(f, ev));
      // mlfinlab (window from t1 of the first test label to the last label's t1) keeps
      // overlapping labels in train: the bug we deliberately do not reproduce.
      const auto ml = folds_of(e["mlfinlab_PurgedKFold"]);
      CHECK(ml != ours);
      bool any_leak = false;
      for (const auto& f : ml) any_leak = any_leak || leaks(f, ev);
      CHECK(any_leak);
    }
  }
}

TEST_CASE("purged_kfold with a time-delta embargo equals timeseriescv (reversed order)", "[splitters][vectors]") {
  auto v = test::load_vector("purged_kfold_monotone_t1.json");
  const auto ev = events_of(v["input"]["t0"], v["input"]["t1"]);
  for (std::size_t td : {0u, 2u}) {
    auto ours = purged_kfold<time_embargo>({.n_splits = 4, .embargo_size = td}).split(ev);
    std::reverse(ours.begin(), ours.end());
    const auto key = "timeseriescv_CombPurgedKFoldCV_k1_embargo_td=" + std::to_string(td) + "d";
    CHECK(ours == folds_of(v["expected"][key]));
  }
}

TEST_CASE("CPCV reproduces reference splits, mlfinlab's path assembly and timeseriescv", "[splitters][vectors]") {
  auto v = test::load_vector("cpcv_mlfinlab_timeseriescv_n6_k2.json");
  const auto ev = events_of(v["input"]["t0"], v["input"]["t1"]);
  REQUIRE(ev.size() == 24);
  for (const char* key : {"pct_embargo=0.000000", "pct_embargo=0.041667"}) {
    INFO(key);
    auto& e = v["expected"][key];
    const double pct = std::string(key) == "pct_embargo=0.000000" ? 0.0 : 0.041667;
    const combinatorial_purged_cv cv({.n_groups = 6, .n_test_groups = 2, .embargo_fraction = pct});
    REQUIRE(embargo_count_from_fraction(pct, 24) == e["embargo_obs"].get<std::size_t>());
    const auto ours = cv.split(ev);
    REQUIRE(ours.size() == 15);
    CHECK(ours == folds_of(e["reference_semantics_splits"]));
    for (const auto& f : ours) CHECK_FALSE(leaks(f, ev));
    const auto ml = folds_of(e["mlfinlab_splits"]);
    CHECK(ml != ours);  // mlfinlab's purge window starts at t1 of the first test label...
    bool any_leak = false;
    for (const auto& f : ml) any_leak = any_leak || leaks(f, ev);
    CHECK(any_leak);  // ...so some of its training labels overlap test labels
    // Path assembly: the split that fills group g of path p is the one mlfinlab used.
    REQUIRE(cv.n_paths() == e["num_backtest_paths"].get<std::size_t>());
    const auto paths = cv.backtest_paths(ev.size());
    auto& mp = e["mlfinlab_backtest_paths"];
    REQUIRE(paths.size() == mp.size());
    for (std::size_t p = 0; p < paths.size(); ++p)
      for (std::size_t g = 0; g < 6; ++g) {
        const auto& seg = paths[p][g];
        std::vector<std::size_t> range;
        for (auto i = seg.begin; i < seg.end; ++i) range.push_back(i);
        CHECK(range == mp[p][g]["test"].get<std::vector<std::size_t>>());
        CHECK(ml[seg.split].train == mp[p][g]["train"].get<std::vector<std::size_t>>());
      }
  }
  auto td = combinatorial_purged_cv<time_embargo>({.n_groups = 6, .n_test_groups = 2, .embargo_size = 1}).split(ev);
  std::reverse(td.begin(), td.end());  // timeseriescv yields reversed lexicographic order
  CHECK(td == folds_of(v["expected"]["timeseriescv_CombPurgedKFoldCV_embargo_td=1d"]));
}

TEST_CASE("CPCV with skfolio's layout and counts reproduces skfolio", "[splitters][vectors]") {
  using skfolio_cpcv = combinatorial_purged_cv<observation_embargo, floor_remainder_groups>;
  auto v = test::load_vector("cpcv_skfolio_n6_k2.json");
  for (std::size_t n : {24u, 27u})
    for (std::size_t p : {0u, 1u}) {
      const auto key = "n=" + std::to_string(n) + ",purged_size=" + std::to_string(p) + ",embargo_size=" + std::to_string(p);
      INFO(key);
      auto& e = v["expected"][key];
      const skfolio_cpcv cv({.n_groups = 6, .n_test_groups = 2, .embargo_size = p});
      CHECK(cv.n_splits() == e["n_splits"].get<std::size_t>());
      CHECK(cv.n_paths() == e["n_test_paths"].get<std::size_t>());
      CHECK(cv.test_groups() == e["test_set_index"].get<std::vector<std::vector<std::size_t>>>());
      CHECK(cv.path_ids() == e["path_ids"].get<std::vector<std::vector<std::size_t>>>());
      CHECK(cv.split(fixed_span_events(n, p)) == folds_of(e["splits"], "tests"));
      const auto paths = cv.backtest_paths(n);
      for (std::size_t q = 0; q < paths.size(); ++q) {
        auto& ep = e["paths"][std::to_string(q)];
        REQUIRE(ep.size() == 6);
        for (std::size_t g = 0; g < 6; ++g) {
          CHECK(paths[q][g].split == ep[g]["split"].get<std::size_t>());
          CHECK(paths[q][g].begin == ep[g]["indices"].front().get<std::size_t>());
          CHECK(paths[q][g].end == ep[g]["indices"].back().get<std::size_t>() + 1);
        }
      }
      // recombined_paths[g] lists the splits that test group g, one per path.
      const auto rec = e["recombined_paths"].get<std::vector<std::vector<std::size_t>>>();
      for (std::size_t g = 0; g < 6; ++g)
        for (std::size_t q = 0; q < paths.size(); ++q) CHECK(paths[q][g].split == rec[g][q]);
    }
}

TEST_CASE("CPCV reproduces skfolio's test-suite configurations", "[splitters][vectors]") {
  using skfolio_cpcv = combinatorial_purged_cv<observation_embargo, floor_remainder_groups>;
  auto v = test::load_vector("cpcv_skfolio_testsuite_n12.json");
  struct row {
    std::size_t n_folds, n_test, purged, embargo;
  };
  for (const row r : {row{3, 2, 0, 0}, row{3, 2, 1, 0}, row{3, 2, 0, 1}, row{5, 2, 0, 0}}) {
    const auto key = "n_folds=" + std::to_string(r.n_folds) + ",n_test_folds=" + std::to_string(r.n_test) +
                     ",purged_size=" + std::to_string(r.purged) + ",embargo_size=" + std::to_string(r.embargo);
    INFO(key);
    auto& e = v["expected"].at(key);
    const skfolio_cpcv cv({.n_groups = r.n_folds, .n_test_groups = r.n_test, .embargo_size = r.embargo});
    CHECK(cv.n_splits() == e["n_splits"].get<std::size_t>());
    CHECK(cv.n_paths() == e["n_test_paths"].get<std::size_t>());
    CHECK(cv.path_ids() == e["path_ids"].get<std::vector<std::vector<std::size_t>>>());
    CHECK(cv.split(fixed_span_events(12, r.purged)) == folds_of(e["splits"], "tests"));
  }
}

TEST_CASE("walk_forward reproduces skfolio's WalkForward (index mode)", "[splitters][vectors]") {
  auto v = test::load_vector("walk_forward_skfolio.json");
  for (const auto& c : v["params"]["configs"]) {
    INFO(py_dump(c));
    walk_forward_options o{.train_size = c["train_size"], .test_size = c["test_size"]};
    o.gap = c.value("purged_size", 0u);
    o.expanding = c.value("expand_train", false);
    o.reduce_test = c.value("reduce_test", false);
    auto& e = v["expected"][py_dump(c)];
    const auto ours = walk_forward(o).split(std::size_t{10});
    CHECK(ours.size() == e["n_splits"].get<std::size_t>());
    CHECK(ours == folds_of(e["splits"]));
  }
}

TEST_CASE("walk_forward with label purging reproduces timeseriescv's PurgedWalkForwardCV", "[splitters][vectors]") {
  auto v = test::load_vector("purged_walk_forward_timeseriescv.json");
  const auto ev = events_of(v["input"]["pred_times(t0)"], v["input"]["eval_times(t1)"]);
  // 6 array_split folds of 4: min_train_splits = 2 -> first test at 8; n_test_splits folds per
  // test window, advancing one fold; max_train_splits -> rolling window.
  const auto a = walk_forward({.train_size = 8, .test_size = 4, .expanding = true}).split(ev);
  CHECK(a == folds_of(v["expected"][R"({"min_train_splits": 2, "n_splits": 6, "n_test_splits": 1})"]));
  const auto b = walk_forward({.train_size = 8, .test_size = 8, .step = 4}).split(ev);
  CHECK(b == folds_of(
                 v["expected"][R"({"max_train_splits": 2, "min_train_splits": 2, "n_splits": 6, "n_test_splits": 2})"]));
  // Without label purging, the last training labels reach into the test window.
  const auto c = walk_forward({.train_size = 8, .test_size = 4, .expanding = true, .purge_labels = false}).split(ev);
  CHECK(leaks(c.front(), ev));
  CHECK_FALSE(leaks(a.front(), ev));
}

TEST_CASE("time_series_split reproduces scikit-learn's TimeSeriesSplit", "[splitters][vectors]") {
  auto v = test::load_vector("timeseriessplit_sklearn.json");
  for (const auto& c : v["params"]["configs"]) {
    INFO(py_dump(c));
    time_series_split_options o{.n_splits = c["n_splits"]};
    if (c.contains("gap")) o.gap = c["gap"];
    if (c.contains("test_size")) o.test_size = c["test_size"].get<std::size_t>();
    if (c.contains("max_train_size")) o.max_train_size = c["max_train_size"].get<std::size_t>();
    CHECK(time_series_split(o).split(c["n"].get<std::size_t>()) == folds_of(v["expected"][py_dump(c)]));
  }
  CHECK_THROWS_WITH(time_series_split({.n_splits = 5, .test_size = 2, .gap = 1}).split(std::size_t{10}),
                    Catch::Contains("too many splits = 5 for number of samples = 10 with test_size = 2 and gap = 1"));
  CHECK_THROWS_WITH(time_series_split({.n_splits = 5}).split(std::size_t{5}),
                    Catch::Contains("number of folds = 6 greater than the number of samples = 5"));
}
