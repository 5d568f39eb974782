// index_set: runs stay maximal and ascending whatever the order of appends, iteration and the
// range-v3 view give the same indices as to_indices(), and misuse is refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

#include <range/v3/algorithm/equal.hpp>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/filter.hpp>

#include <embargo/core/index_set.hpp>
#include <embargo/core/index_set_views.hpp>

using embargo::index_run;
using embargo::index_set;

namespace {
bool runs_are_maximal(const index_set& s) {
  const auto r = s.runs();
  for (std::size_t k = 0; k < r.size(); ++k) {
    if (r[k].begin >= r[k].end) return false;                 // never empty
    if (k > 0 && r[k].begin <= r[k - 1].end) return false;    // ascending, never adjacent
  }
  return true;
}
}  // namespace

TEST_CASE("index_set merges adjacent appends into one run", "[core][index_set]") {
  index_set s;
  s.push_back(3);
  s.push_back(4);
  s.append(5, 9);
  s.append(9, 9);  // empty: nothing
  s.push_back(11);
  s.append(12, 14);
  CHECK(s.size() == 9);
  REQUIRE(s.runs().size() == 2);
  CHECK(s.runs()[0] == index_run{3, 9});
  CHECK(s.runs()[1] == index_run{11, 14});
  CHECK(s.front() == 3);
  CHECK(s.back() == 13);
  CHECK(s.to_indices() == std::vector<std::size_t>{3, 4, 5, 6, 7, 8, 11, 12, 13});
  CHECK(s == std::vector<std::size_t>{3, 4, 5, 6, 7, 8, 11, 12, 13});
  CHECK_FALSE(s == std::vector<std::size_t>{3, 4, 5, 6, 7, 8, 11, 12});
  CHECK(s == index_set::from_indices(s.to_indices()));
}

TEST_CASE("index_set: random sets round-trip through every view of them", "[core][index_set][property]") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    std::set<std::size_t> truth;
    const std::size_t n = 1 + rng() % 300;
    const double density = static_cast<double>(rng() % 100) / 100.0;
    for (std::size_t i = 0; i < n; ++i)
      if (static_cast<double>(rng() % 1000) / 1000.0 < density) truth.insert(i);
    const std::vector<std::size_t> v(truth.begin(), truth.end());
    // Built three ways: one index at a time, from a vector, and by runs of random lengths.
    const index_set a = index_set::from_indices(v);
    index_set b;
    for (std::size_t i : v) b.push_back(i);
    index_set c;
    for (std::size_t k = 0; k < v.size();) {
      std::size_t j = k + 1;
      while (j < v.size() && v[j] == v[j - 1] + 1 && rng() % 4 != 0) ++j;  // split runs at random
      c.append(v[k], v[j - 1] + 1);
      k = j;
    }
    INFO("trial " << trial << " size " << v.size());
    CHECK(a == b);
    CHECK(b == c);  // canonical: the same set has the same runs however it was built
    CHECK(runs_are_maximal(c));
    CHECK(a.size() == v.size());
    CHECK(a.to_indices() == v);
    CHECK(std::vector<std::size_t>(a.begin(), a.end()) == v);
    CHECK(ranges::equal(embargo::views::indices(a), v));
    CHECK(static_cast<std::size_t>(std::ranges::distance(a)) == v.size());
    for (std::size_t i = 0; i <= n; ++i) CHECK(a.contains(i) == (truth.count(i) == 1));
  }
}

TEST_CASE("index_set's range-v3 view composes with other views without materialising", "[core][index_set]") {
  index_set s = index_set::range(0, 10);
  s.append(20, 25);
  const auto even = embargo::views::indices(s) | ranges::views::filter([](std::size_t i) { return i % 2 == 0; }) |
                    ranges::to<std::vector<std::size_t>>();
  CHECK(even == std::vector<std::size_t>{0, 2, 4, 6, 8, 20, 22, 24});
  std::size_t runs = 0;
  for (auto r : embargo::views::runs(s)) runs += static_cast<std::size_t>(ranges::distance(r)) > 0 ? 1 : 0;
  CHECK(runs == 2);
  CHECK(ranges::distance(embargo::views::indices(index_set{})) == 0);
}

TEST_CASE("index_set holds O(runs) memory, not O(size)", "[core][index_set]") {
  // A purged training set over 1e8 observations: two runs around a test block.
  index_set s = index_set::range(0, 40'000'000);
  s.append(60'000'000, 100'000'000);
  CHECK(s.size() == 80'000'000);
  s.shrink_to_fit();
  CHECK(s.heap_bytes() == 2 * sizeof(index_run));
}

TEST_CASE("index_set refuses descending appends and empty ends", "[core][index_set][errors]") {
  index_set s = index_set::range(5, 8);
  CHECK_THROWS_AS(s.push_back(7), std::logic_error);
  CHECK_THROWS_AS(s.append(2, 4), std::logic_error);
  CHECK(s.size() == 3);  // unchanged by the refused appends
  CHECK_THROWS_WITH(index_set::from_indices(std::vector<std::size_t>{1, 3, 3}),
                    Catch::Contains("strictly ascending") && Catch::Contains("position 2"));
  CHECK_THROWS_AS(index_set{}.front(), std::logic_error);
  CHECK_THROWS_AS(index_set{}.back(), std::logic_error);
  CHECK(index_set{}.begin() == index_set{}.end());
  CHECK(index_set::range(4, 4).empty());
}
