// The executor: results in index order whatever the number of threads; errors propagate.
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <stdexcept>
#include <string>

#include <embargo/core/random.hpp>
#include <embargo/pipeline.hpp>

TEST_CASE("parallel_map gives the same results with 1 and N threads") {
  auto work = [](std::size_t i) {
    embargo::splitmix64 g(i);
    double s = 0;
    for (int k = 0; k < 1000 + static_cast<int>(i % 7) * 500; ++k) s += g.uniform();
    return s;
  };
  embargo::thread_pool one(1), four(4);
  const auto a = embargo::parallel_map(one, 257, work);
  const auto b = embargo::parallel_map(four, 257, work);
  CHECK(a == b);
  for (int round = 0; round < 20; ++round) CHECK(embargo::parallel_map(four, 33, work) == std::vector<double>(a.begin(), a.begin() + 33));
}

TEST_CASE("parallel_for runs every item exactly once and rethrows the lowest failing index") {
  embargo::thread_pool pool(3);
  std::vector<std::atomic<int>> hits(1000);
  pool.parallel_for(hits.size(), [&](std::size_t i) { hits[i].fetch_add(1); });
  for (const auto& h : hits) REQUIRE(h.load() == 1);
  CHECK_THROWS_WITH(pool.parallel_for(100, [](std::size_t i) {
    if (i == 0) throw std::runtime_error("item 0 failed");
  }), "item 0 failed");
  // the pool is still usable after a failure
  std::atomic<int> n{0};
  pool.parallel_for(10, [&](std::size_t) { ++n; });
  CHECK(n == 10);
}

namespace {
struct trace_context {
  std::string trace;
};
struct add_a {
  static constexpr const char* name = "a";
  void operator()(trace_context& c) const { c.trace += "a"; }
};
struct add_b {
  static constexpr const char* name = "b";
  int times = 1;
  void operator()(trace_context& c) const { c.trace += std::string(static_cast<std::size_t>(times), 'b'); }
};
}  // namespace

TEST_CASE("pipelines compose with | and run their stages in order") {
  const auto p = embargo::pipeline<>{} | add_a{} | add_b{.times = 2} | add_a{};
  STATIC_REQUIRE(decltype(p)::size() == 3);
  STATIC_REQUIRE(decltype(p)::plan()[1] == "b");
  trace_context c;
  p.run(c);
  CHECK(c.trace == "abba");
  const auto q = p | (embargo::pipeline<>{} | add_b{});
  trace_context d;
  q.run(d);
  CHECK(d.trace == "abbab");
  // an empty pipeline is a no-op
  trace_context e;
  embargo::pipeline<>{}.run(e);
  CHECK(e.trace.empty());
}

TEST_CASE("progress bar stays silent when stderr is not a terminal") {
  embargo::progress_bar bar(3, "symbols", 0);
  bar.tick("A");
  bar.tick("B");
  CHECK(bar.done() == 2);
  CHECK_FALSE(bar.enabled());
}
