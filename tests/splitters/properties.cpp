// Invariants of the splitters on random events (fixed seeds): no training label overlaps a test
// label, the embargo holds, k-fold tests every observation once, CPCV paths cover every group
// once per path; plus a brute-force oracle of the definition, and the input validation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <vector>

#include <embargo/core/random.hpp>
#include <embargo/splitters.hpp>

using namespace embargo;

namespace {

// Sorted t0 with duplicates and jumps; label lengths 0..max_len (overlapping, non-monotone t1).
std::vector<interval> random_events(std::uint64_t seed, std::size_t n, std::size_t max_len) {
  splitmix64 rng(seed);
  std::vector<interval> ev(n);
  std::size_t t = rng() % 3;
  for (auto& e : ev) {
    t += rng() % 3;  // 0: duplicate t0
    e = {t, t + rng() % (max_len + 1)};
  }
  return ev;
}

// The definition, evaluated literally: train = not test, no overlap with any test label's block
// window [t0 first, max t1], and not within the embargo after a block.
std::vector<std::size_t> brute_train(const std::vector<interval>& ev, const index_set& test, std::size_t e,
                                     bool time_delta) {
  const std::size_t n = ev.size();
  std::vector<char> is_test(n, 0), keep(n, 1);
  for (auto i : test) is_test[i] = 1, keep[i] = 0;
  for (std::size_t a = 0; a < n;) {
    if (!is_test[a]) {
      ++a;
      continue;
    }
    std::size_t b = a, t1 = 0;
    while (b < n && is_test[b]) t1 = std::max(t1, ev[b].t1), ++b;
    for (std::size_t i = 0; i < n; ++i)
      if (ev[i].t0 <= t1 && ev[i].t1 >= ev[a].t0) keep[i] = 0;
    if (time_delta) {
      for (std::size_t i = b; i < n; ++i)
        if (ev[i].t0 <= t1 + e) keep[i] = 0;
    } else {
      std::size_t m = b;
      while (m < n && ev[m].t0 <= t1) ++m;
      for (std::size_t i = m; i < std::min(n, m + e); ++i) keep[i] = 0;
    }
    a = b;
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n; ++i)
    if (keep[i]) out.push_back(i);
  return out;
}

bool sorted_unique(const index_set& s) {
  const auto v = s.to_indices();
  return std::adjacent_find(v.begin(), v.end(), std::greater_equal<>()) == v.end();
}

}  // namespace

TEST_CASE("purged_kfold: no leak, embargo, each observation tested once (random events)", "[splitters][property]") {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const std::size_t n = 30 + seed * 7, k = 2 + seed % 7, max_len = seed % 4 == 0 ? 0 : 1 + seed % 25;
    const auto ev = random_events(seed, n, max_len);
    const std::size_t e = seed % 5;
    INFO("seed " << seed << " n " << n << " k " << k << " e " << e);
    std::vector<fold> folds;
    try {
      folds = purged_kfold({.n_splits = k, .embargo_size = e}).split(ev);
    } catch (const invalid_argument&) {
      continue;  // a fold without training data: refused, never silent (checked below)
    }
    REQUIRE(folds.size() == k);
    std::vector<int> tested(n, 0);
    for (const auto& f : folds) {
      REQUIRE(sorted_unique(f.train));
      REQUIRE(sorted_unique(f.test));
      REQUIRE_FALSE(f.train.empty());
      for (auto i : f.test) ++tested[i];
      CHECK(f.train == brute_train(ev, f.test, e, false));
      for (auto i : f.train)  // the leak property itself, pairwise
        for (auto j : f.test) REQUIRE_FALSE(overlaps(ev[i], ev[j]));
    }
    CHECK(std::all_of(tested.begin(), tested.end(), [](int c) { return c == 1; }));
    const auto td = purged_kfold<time_embargo>({.n_splits = k, .embargo_size = e}).split(ev);
    for (const auto& f : td) CHECK(f.train == brute_train(ev, f.test, e, true));
  }
}

TEST_CASE("purged_kfold refuses a fold with no training data instead of yielding it", "[splitters][property]") {
  std::vector<interval> ev(10);
  for (std::size_t i = 0; i < 10; ++i) ev[i] = {i, 100};  // every label spans everything
  CHECK_THROWS_WITH(purged_kfold({.n_splits = 2}).split(ev), Catch::Contains("no training observations left"));
}

TEST_CASE("CPCV: paths cover every group once, no leak, brute-force equality (random events)", "[splitters][property]") {
  struct nk {
    std::size_t n, k;
  };
  std::uint64_t seed = 100;
  for (const nk c : {nk{6, 2}, nk{5, 1}, nk{7, 3}, nk{8, 2}, nk{10, 2}, nk{4, 3}}) {
    ++seed;
    const std::size_t n_obs = 150 + seed;
    const auto ev = random_events(seed, n_obs, 6);
    const std::size_t e = seed % 3;
    INFO("N " << c.n << " k " << c.k);
    const combinatorial_purged_cv cv({.n_groups = c.n, .n_test_groups = c.k, .embargo_size = e});
    const auto splits = cv.split(ev);
    REQUIRE(splits.size() == cv.n_splits());
    REQUIRE(cv.n_paths() * c.n == cv.n_splits() * c.k);  // phi = k/N * C(N, k)
    for (const auto& f : splits) {
      CHECK(f.train == brute_train(ev, f.test, e, false));
      for (auto i : f.train)
        for (auto j : f.test) REQUIRE_FALSE(overlaps(ev[i], ev[j]));
    }
    const auto paths = cv.backtest_paths(n_obs);
    REQUIRE(paths.size() == cv.n_paths());
    const auto tg = cv.test_groups();
    std::vector<std::vector<int>> used(splits.size(), std::vector<int>(c.n, 0));
    for (const auto& p : paths) {
      std::vector<int> covered(n_obs, 0);
      for (std::size_t g = 0; g < c.n; ++g) {
        REQUIRE(p[g].group == g);
        REQUIRE(std::find(tg[p[g].split].begin(), tg[p[g].split].end(), g) != tg[p[g].split].end());
        ++used[p[g].split][g];
        for (auto i = p[g].begin; i < p[g].end; ++i) {
          ++covered[i];
          // the observation is in the supplying split's test set
          REQUIRE(splits[p[g].split].test.contains(i));
        }
      }
      CHECK(std::all_of(covered.begin(), covered.end(), [](int x) { return x == 1; }));
    }
    // every (split, test group) prediction is used by exactly one path
    for (std::size_t s = 0; s < splits.size(); ++s)
      for (auto g : tg[s]) CHECK(used[s][g] == 1);
  }
}

TEST_CASE("CPCV with k = 1 is purged k-fold", "[splitters][property]") {
  const auto ev = random_events(7, 200, 9);
  CHECK(combinatorial_purged_cv({.n_groups = 5, .n_test_groups = 1, .embargo_size = 3}).split(ev) ==
        purged_kfold({.n_splits = 5, .embargo_size = 3}).split(ev));
}

TEST_CASE("walk_forward: train precedes test, purged by labels, in observations and in time", "[splitters][property]") {
  for (std::uint64_t seed = 200; seed < 215; ++seed) {
    const auto ev = random_events(seed, 300, seed % 12);
    for (bool expanding : {false, true}) {
      const walk_forward_options o{.train_size = 40, .test_size = 25, .gap = seed % 3, .expanding = expanding};
      for (const auto& folds : {walk_forward(o).split(ev), walk_forward<time_windows>(o).split(ev)}) {
        REQUIRE_FALSE(folds.empty());
        for (const auto& f : folds) {
          REQUIRE_FALSE(f.test.empty());
          REQUIRE(f.train.back() < f.test.front());
          for (auto i : f.train) REQUIRE(ev[i].t1 < ev[f.test.front()].t0);
        }
      }
      for (const auto& f : walk_forward<time_windows>(o).split(ev)) {
        CHECK(ev[f.test.back()].t0 - ev[f.test.front()].t0 < 25);  // one test window of bar time
        if (!expanding) CHECK(ev[f.train.back()].t0 - ev[f.train.front()].t0 < 40);  // one train window
      }
    }
  }
}

TEST_CASE("holdout and the dual-model scheme purge at the boundary", "[splitters]") {
  std::vector<interval> ev(100);
  for (std::size_t i = 0; i < 100; ++i) ev[i] = {i, i + 5};
  const auto h = holdout().split(ev);  // 90 / 10
  REQUIRE(h.size() == 1);
  CHECK(h[0].test.front() == 90);
  CHECK(h[0].test.size() == 10);
  CHECK(h[0].train.back() == 84);  // labels of 85..89 reach bar 90
  const auto d = dual_model_split({.validation_fraction = 0.1, .holdout_size = 30}).split(ev);
  REQUIRE(d.size() == 2);
  CHECK(d[0] == h[0]);
  CHECK(d[1].test.front() == 70);
  CHECK(d[1].train.size() == 65);
  // floor((1 - 0.29) * 100 + 1e-9) = 71 training observations, not 70 (binary rounding)
  CHECK(holdout({.test_fraction = 0.29}).split(ev)[0].test.front() == 71);
  CHECK_THROWS_WITH(holdout({.test_size = 100}).split(ev), Catch::Contains("expected 1 <= test < n"));
  CHECK_THROWS_WITH(holdout({.test_fraction = 1.0}).split(ev), Catch::Contains("outside (0, 1)"));
}

TEST_CASE("per-regime folds: membership, restriction, validation sets", "[splitters]") {
  std::vector<interval> ev(60);
  std::vector<regime> reg(60);
  for (std::size_t i = 0; i < 60; ++i) ev[i] = {i, i + 2}, reg[i] = i % 20 < 5 ? regime::crash : regime::normal;
  const auto folds = purged_kfold({.n_splits = 3, .embargo_fraction = 0.0}).split(ev);
  const auto m = regime_fold_membership(folds, reg);
  REQUIRE(m.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) {
    CHECK(m[k].test[index(regime::crash)] == 5);
    CHECK(m[k].test[index(regime::normal)] == 15);
    CHECK(m[k].train[index(regime::crash)] + m[k].train[index(regime::normal)] == folds[k].train.size());
  }
  const auto crash = restrict_test_to_regime(folds, reg, regime::crash);
  REQUIRE(crash.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) {
    CHECK(crash[k].train == folds[k].train);
    CHECK(crash[k].test.size() == 5);
    for (auto i : crash[k].test) CHECK(reg[i] == regime::crash);
  }
  const auto sets = regime_validation_sets(folds, reg);
  CHECK(sets[index(regime::high_vol)].empty());
  CHECK(sets[index(regime::normal)].size() == 3);
  const regime_filtered<purged_kfold<>> rf(purged_kfold({.n_splits = 3, .embargo_fraction = 0.0}), reg, regime::crash);
  static_assert(splitter<regime_filtered<purged_kfold<>>>);
  CHECK(rf.split(ev) == crash);
  CHECK_THROWS_WITH(regime_fold_membership(folds, std::vector<regime>(10)), Catch::Contains("only 10 regime labels"));
}

TEST_CASE("bad input is refused with a message naming what and where", "[splitters][validation]") {
  const std::vector<interval> ok = {{0, 1}, {1, 2}, {2, 3}, {3, 4}};
  struct bad {
    std::vector<interval> ev;
    const char* msg;
  };
  for (const auto& b : {bad{{}, "purged_kfold: events: empty"}, bad{{{0, 1}, {2, 1}, {3, 4}}, "events[1]: t1 = 1 is before t0 = 2"},
                        bad{{{0, 1}, {3, 4}, {2, 5}}, "events[2]: t0 = 2 is before the previous event's t0 = 3"}}) {
    CHECK_THROWS_AS(purged_kfold({.n_splits = 2}).split(b.ev), data_error);
    CHECK_THROWS_WITH(purged_kfold({.n_splits = 2}).split(b.ev), Catch::Contains(b.msg));
  }
  CHECK_THROWS_WITH(purged_kfold({.n_splits = 1}).split(ok), Catch::Contains("n_splits = 1 (expected at least 2)"));
  CHECK_THROWS_WITH(purged_kfold({.n_splits = 5}).split(ok), Catch::Contains("n_splits = 5 is more than the 4 observations"));
  for (double f : {-0.1, 1.0, std::numeric_limits<double>::quiet_NaN()})
    CHECK_THROWS_WITH(purged_kfold({.n_splits = 2, .embargo_fraction = f}).split(ok), Catch::Contains("outside [0, 1)"));
  CHECK_THROWS_WITH(combinatorial_purged_cv({.n_groups = 3, .n_test_groups = 3}), Catch::Contains("expected 1 <= k < N"));
  CHECK_THROWS_WITH(combinatorial_purged_cv({.n_groups = 3, .n_test_groups = 0}), Catch::Contains("expected 1 <= k < N"));
  CHECK_THROWS_WITH(combinatorial_purged_cv({.n_groups = 6, .n_test_groups = 2}).split(ok),
                    Catch::Contains("n_groups = 6 is more than the 4 observations"));
  CHECK_THROWS_WITH(combinatorial_purged_cv({.n_groups = 60, .n_test_groups = 30}), Catch::Contains("more than 10^7"));
  CHECK_THROWS_WITH(walk_forward({.train_size = 3, .test_size = 1, .gap = 1}).split(ok), Catch::Contains("leaves no test"));
  CHECK(embargo_count_from_fraction(0.29, 100) == 29);  // int(0.29 * 100) is 28 in Python
  CHECK(embargo_count_from_fraction(0.57, 100) == 57);
  CHECK(embargo_count_from_fraction(1.0 / 24, 24) == 1);
  CHECK(binomial(6, 2) == 15);
  CHECK(binomial(20, 2) == 190);
  CHECK(combinatorial_purged_cv({.n_groups = 20, .n_test_groups = 2}).n_paths() == 19);
}

TEST_CASE("group layouts: array_split and skfolio's floor + remainder", "[splitters]") {
  CHECK(array_split_groups::bounds(27, 6) == std::vector<std::size_t>{0, 5, 10, 15, 19, 23, 27});
  CHECK(floor_remainder_groups::bounds(27, 6) == std::vector<std::size_t>{0, 4, 8, 12, 16, 20, 27});
  CHECK(floor_remainder_groups::bounds(12, 5) == std::vector<std::size_t>{0, 2, 4, 6, 8, 12});
  CHECK_THROWS_AS(array_split_groups::bounds(3, 4), invalid_argument);
}

TEST_CASE("split diagram classifies train, test, purged and embargoed cells", "[splitters][svg]") {
  std::vector<interval> ev(20);
  for (std::size_t i = 0; i < 20; ++i) ev[i] = {i, i + 2};
  const auto folds = purged_kfold({.n_splits = 4, .embargo_size = 2}).split(ev);
  const auto rows = classify_split_cells(folds, ev);
  using c = split_cell;
  // fold 1 tests 5..9: 3, 4 purged (labels reach 5), 10, 11 purged (start by max t1 = 11), 12, 13 embargoed
  const std::vector<c> want = {c::train, c::train, c::train, c::purged, c::purged, c::test, c::test, c::test, c::test, c::test,
                               c::purged, c::purged, c::embargoed, c::embargoed, c::train, c::train, c::train, c::train, c::train, c::train};
  CHECK(rows[1] == want);
  const auto svg = split_svg(folds, ev, "purged k-fold <4>");
  CHECK(svg.rfind("<svg", 0) == 0);
  CHECK(svg.find("&lt;4&gt;") != std::string::npos);
  CHECK(svg.find(">embargoed<") != std::string::npos);  // in the legend
  CHECK(svg.find("embargoed ") != std::string::npos);    // and an embargoed run drawn (its tooltip)
  CHECK(svg.find(">split 0<") != std::string::npos);     // rows named on the axis
  // walk-forward: the count gap before a test window is drawn as purged, the rest unused
  const auto wf = walk_forward({.train_size = 5, .test_size = 5, .gap = 2}).split(std::size_t{20});
  std::vector<interval> pts(20);
  for (std::size_t i = 0; i < 20; ++i) pts[i] = {i, i};
  const auto r = classify_split_cells(wf, pts);
  CHECK(r[0][5] == c::purged);
  CHECK(r[0][15] == c::unused);
}

TEST_CASE("optimal_folds_number reproduces skfolio's test-suite assertions", "[splitters]") {
  // skfolio tests/test_model_selection/test_combinatorial.py (test_optimal_folds_number and _weight)
  struct row {
    std::size_t n;
    double paths, train, w_train;
    cpcv_layout want;
  };
  for (const row r : {row{10, 10, 1, 1, {10, 9}}, row{10, 2, 100, 1, {3, 2}}, row{10, 2, 5, 1, {3, 2}},
                      row{100, 20, 10, 1, {21, 20}}, row{100, 5, 30, 1, {6, 5}}, row{1000, 300, 50, 1, {26, 24}},
                      row{5000, 50, 250, 1, {51, 50}}, row{5000, 50, 250, 2, {20, 19}}}) {
    INFO("n " << r.n << " paths " << r.paths << " train " << r.train);
    const auto got = optimal_folds_number(r.n, r.train, r.paths, r.w_train);
    CHECK(got.n_groups == r.want.n_groups);
    CHECK(got.n_test_groups == r.want.n_test_groups);
  }
  CHECK_THROWS_AS(optimal_folds_number(2, 10, 10), invalid_argument);
}
