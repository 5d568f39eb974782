// Folds at scale: CPCV's 45 splits over 1e7 events must fit in 50 MB (issue 22), which the old
// form (every train and test index as a std::size_t) missed by ~70x: 45 x 1e7 x 8 bytes = 3.6 GB.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include <embargo/splitters/combinatorial_purged_cv.hpp>
#include <embargo/splitters/purged_kfold.hpp>

using namespace embargo;

namespace {
// 1e7 events, one per bar, labels of 1..64 bars (a deterministic LCG, no allocation beyond them).
std::vector<interval> long_events(std::size_t n) {
  std::vector<interval> ev(n);
  std::uint64_t x = 88172645463325252ULL;
  for (std::size_t i = 0; i < n; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    ev[i] = {i, i + 1 + x % 64};
  }
  return ev;
}

std::size_t heap_bytes(const std::vector<fold>& folds) {
  std::size_t b = folds.capacity() * sizeof(fold);
  for (const auto& f : folds) b += f.train.heap_bytes() + f.test.heap_bytes();
  return b;
}
}  // namespace

TEST_CASE("CPCV N=10 k=2 over 1e7 events holds its 45 folds in under 50 MB", "[splitters][scale]") {
  const std::size_t n = 10'000'000;
  const auto ev = long_events(n);
  const combinatorial_purged_cv<> cv({.n_groups = 10, .n_test_groups = 2, .embargo_fraction = 0.01});
  const auto folds = cv.split(ev);
  REQUIRE(folds.size() == 45);
  const std::size_t bytes = heap_bytes(folds);
  INFO("fold bytes " << bytes);
  CHECK(bytes < 50'000'000);
  // What the vectors of the old form would have held, for the record in the test log.
  std::size_t indices = 0;
  for (const auto& f : folds) indices += f.train.size() + f.test.size();
  CHECK(indices * sizeof(std::size_t) > 3'000'000'000ULL);
  // Still a partition per split: every observation tested or trained or purged, never twice,
  // and each group tested C(9, 1) = 9 times.
  std::vector<std::uint8_t> tested(n, 0);
  for (const auto& f : folds) {
    REQUIRE(f.train.size() + f.test.size() <= n);
    for (const auto& r : f.test.runs())
      for (std::size_t i = r.begin; i < r.end; ++i) ++tested[i];
    // No train run touches a test run.
    for (const auto& t : f.test.runs()) CHECK_FALSE(f.train.contains(t.begin));
  }
  for (std::size_t i = 0; i < n; i += 9973) CHECK(tested[i] == 9);
}

TEST_CASE("purged k-fold over 1e7 events: a fold is a handful of runs", "[splitters][scale]") {
  const auto ev = long_events(10'000'000);
  const auto folds = purged_kfold({.n_splits = 5, .embargo_fraction = 0.01}).split(ev);
  for (const auto& f : folds) {
    CHECK(f.test.runs().size() == 1);
    // Two runs around the test block, plus the labels near its start that end before it and are
    // kept one by one inside the purge window (at most the longest label, 64 bars).
    CHECK(f.train.runs().size() <= 2 + 64);
  }
}
