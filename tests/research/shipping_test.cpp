// Symbols computed elsewhere (MPI ranks, Dask workers) and shipped as bytes conclude exactly as
// if computed here; a damaged or foreign message is a clear error.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <embargo/data/simulator.hpp>
#include <embargo/research.hpp>
#include <embargo/research/shipping.hpp>

using namespace embargo;
using namespace embargo::research;

namespace {

const panel& market() {
  static const panel p = simulate_market({.n_symbols = 4, .n_bars = 1500, .seed = 11}).bars;
  return p;
}

struct throw_on {
  static constexpr const char* name = "fails_on_one_symbol";
  std::string symbol;
  void operator()(symbol_research& r) const {
    if (r.symbol == symbol) throw std::runtime_error("feature store unavailable");
  }
};

/// The job run here, and the same job with every symbol shipped and unshipped before conclude().
std::pair<research_results, research_results> both_ways(const research_job& job, const panel& p) {
  auto here = job.run(p);
  research_results shipped;
  shipped.options = job.options();
  shipped.symbols.resize(p.size());
  for (std::size_t s = p.size(); s-- > 0;) {  // arrival order must not matter
    auto got = unship(ship(s, job.run_symbol(p, s)), p);
    REQUIRE(got.index == s);
    shipped.symbols[got.index] = std::move(got.result);
  }
  job.conclude(shipped);
  return {std::move(here), std::move(shipped)};
}

void check_same(const research_results& a, const research_results& b) {
  REQUIRE(a.symbols.size() == b.symbols.size());
  CHECK(a.trials == b.trials);
  for (std::size_t s = 0; s < a.symbols.size(); ++s) {
    // The encoding covers every field (found by reflection), so equal bytes mean equal results.
    CHECK(wire::encode(a.symbols[s]) == wire::encode(b.symbols[s]));
    CHECK(a.symbols[s].research.raw == b.symbols[s].research.raw);
    CHECK(symbol_json(a.symbols[s], nullptr, true).dump() == symbol_json(b.symbols[s], nullptr, true).dump());
  }
  CHECK(oos_trades_json(a).dump() == oos_trades_json(b).dump());
  CHECK(splits_json(a).dump() == splits_json(b).dump());
}

}  // namespace

TEST_CASE("wire: aggregates are reflected field by field") {
  STATIC_REQUIRE(wire::detail::field_count<interval>() == 2);
  STATIC_REQUIRE(wire::detail::field_count<barrier_label>() == 9);
  STATIC_REQUIRE(wire::detail::field_count<integrity_report>() == 16);
  STATIC_REQUIRE(wire::detail::field_count<symbol_research>() == 21);
  STATIC_REQUIRE(wire::detail::field_count<symbol_result>() == 7);
  STATIC_REQUIRE(wire::detail::field_count<evaluation>() == 8);
  const std::vector<double> v{1.5, -0.0, NAN, 1e308};
  const auto back = wire::decode<std::vector<double>>(wire::encode(v));
  REQUIRE(back.size() == v.size());
  for (std::size_t k = 0; k < v.size(); ++k) CHECK(std::bit_cast<std::uint64_t>(back[k]) == std::bit_cast<std::uint64_t>(v[k]));
}

TEST_CASE("research shipping: shipped symbols conclude bit for bit like the local run (walk-forward, failures)") {
  research_options o;
  o.threads = 1;
  research_job job(o);
  job.add_stage("labels", throw_on{"SIM002"});
  const auto [here, shipped] = both_ways(job, market());
  CHECK(here.count(symbol_status::failed) == 1);
  CHECK(shipped.symbols[2].failure == here.symbols[2].failure);
  check_same(here, shipped);
}

TEST_CASE("research shipping: CPCV paths, regime processing and several models survive the trip") {
  research_options o;
  o.threads = 1;
  o.validation.method = validation_method::cpcv;
  o.regimes.enabled = true;
  o.models.use = {"logit", "ridge", "stack_ridge_meta", "consensus"};
  const research_job job(o);
  const auto [here, shipped] = both_ways(job, market());
  REQUIRE(here.count(symbol_status::trained) > 0);
  check_same(here, shipped);
}

TEST_CASE("research shipping: a damaged, truncated or foreign message is a data_error") {
  research_options o;
  o.threads = 1;
  const research_job job(o);
  const auto message = ship(1, job.run_symbol(market(), 1));
  REQUIRE(message.size() > 1000);
  CHECK_NOTHROW(unship(message, market()));

  for (std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{21}, message.size() / 2, message.size() - 1})
    CHECK_THROWS_AS(unship(std::span(message).first(n), market()), data_error);
  std::mt19937_64 rng(7);
  for (int k = 0; k < 200; ++k) {
    auto bad = message;
    bad[rng() % bad.size()] ^= std::byte{0x5a};
    CHECK_THROWS_AS(unship(bad, market()), data_error);
  }
  // Another panel: the receiver does not hold this symbol at this position.
  const panel other = simulate_market({.n_symbols = 1, .n_bars = 300, .seed = 3}).bars;
  CHECK_THROWS_WITH(unship(message, other), Catch::Contains("every process must read the same bars"));
  // A length larger than the message is refused before anything is allocated for it.
  CHECK_THROWS_WITH(wire::decode<std::string>(wire::encode(std::uint64_t{1} << 60)), Catch::Contains("exceeds the message"));
  CHECK_THROWS_WITH(wire::decode<std::vector<double>>(wire::encode(std::uint64_t{1} << 61)), Catch::Contains("exceeds the message"));
  CHECK_THROWS_WITH(wire::decode<std::uint64_t>(wire::encode(std::uint64_t{1}, std::uint8_t{2})), Catch::Contains("left over"));
}
