// Costs, bet sizing and consensus.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include <embargo/strategy.hpp>

TEST_CASE("net returns pay costs on turnover and funding on exposure") {
  const embargo::cost_model c{.fee = 0.001, .spread = 0.002, .slippage = 0.0005, .funding = 0.0001};
  const std::vector<double> pos = {1, 1, -1, 0, 0};
  const std::vector<double> ret = {0.0, 0.01, -0.02, 0.03, 0.01};
  embargo::cost_breakdown b;
  const auto net = embargo::net_returns(pos, ret, c, &b);
  REQUIRE(net.size() == 4);
  const double per_unit = 0.001 + 0.001 + 0.0005;  // fee + half spread + slippage
  CHECK(net[0] == Approx(0.01 - 1 * per_unit - 0.0001));   // open long 1
  CHECK(net[1] == Approx(-0.02 - 0.0001));                 // hold
  CHECK(net[2] == Approx(-0.03 - 2 * per_unit - 0.0001));  // flip to short: turnover 2
  CHECK(net[3] == Approx(0.0 - 1 * per_unit));             // close
  CHECK(b.gross == Approx(0.01 - 0.02 - 0.03));
  CHECK(b.net() == Approx(net[0] + net[1] + net[2] + net[3]));
  CHECK(b.fees == Approx(4 * 0.001));
  CHECK(c.round_trip(1.0) == Approx(2 * per_unit));
  CHECK_THROWS_AS(embargo::net_returns(pos, std::vector<double>{1, 2}, c), embargo::invalid_argument);
  CHECK_THROWS_AS(embargo::net_returns(pos, ret, embargo::cost_model{.fee = -1}), embargo::invalid_argument);
}

TEST_CASE("bet sizing rules") {
  using embargo::sizing;
  CHECK(embargo::bet_size(0.5) == 0.0);
  CHECK(embargo::bet_size(0.7, sizing::sign) == 1.0);
  CHECK(embargo::bet_size(0.3, sizing::sign) == -1.0);
  CHECK(embargo::bet_size(0.7, sizing::linear) == Approx(0.4));
  // probit: z = 0.2 / sqrt(0.21) = 0.43644, 2*Phi(z) - 1 = 0.33745
  CHECK(embargo::bet_size(0.7, sizing::probit) == Approx(0.3374).margin(1e-4));
  CHECK(embargo::bet_size(0.3, sizing::probit) == Approx(-0.3374).margin(1e-4));
  CHECK(embargo::bet_size(std::nan("")) == 0.0);
  double prev = -1;
  for (double p = 0.01; p < 1; p += 0.01) {  // monotone in p
    const double s = embargo::bet_size(p);
    CHECK(s >= prev);
    prev = s;
  }
}

TEST_CASE("consensus: reliability weights, correlation penalty, threshold, level") {
  embargo::consensus cons({.base_threshold = 0.1});
  Eigen::MatrixXd independent = Eigen::MatrixXd::Identity(3, 3);
  const std::vector<double> votes = {0.8, 0.6, -0.5}, rel = {0.7, 0.6, 0.5};
  const auto d = cons.decide(votes, rel, independent);
  // skills 0.2, 0.1, 0 -> weights 2/3, 1/3, 0
  CHECK(d.weights[0] == Approx(2.0 / 3));
  CHECK(d.weights[2] == 0.0);
  CHECK(d.score == Approx(2.0 / 3 * 0.8 + 1.0 / 3 * 0.6));
  CHECK(d.agreement == Approx(1.0));
  CHECK(d.action == 1);
  CHECK(d.level == embargo::consensus_level::strong);
  // Two identical engines share one engine's weight against an independent third of equal skill.
  Eigen::MatrixXd c(3, 3);
  c << 1, 1, 0, 1, 1, 0, 0, 0, 1;
  embargo::consensus cons2;
  const auto e = cons2.decide(std::vector<double>{0.5, 0.5, -0.5}, std::vector<double>{0.6, 0.6, 0.6}, c);
  CHECK(e.weights[0] == Approx(0.25));
  CHECK(e.weights[2] == Approx(0.5));
  CHECK(e.score == Approx(0.0).margin(1e-12));
  CHECK(e.action == 0);
  CHECK(e.level == embargo::consensus_level::none);
  CHECK_THROWS_AS(cons2.decide(std::vector<double>{2.0}, std::vector<double>{0.6}, Eigen::MatrixXd::Identity(1, 1)),
                  embargo::data_error);
}

TEST_CASE("consensus threshold adapts to the noise of recent scores") {
  embargo::consensus cons({.base_threshold = 0.05, .z = 1.0, .history = 10});
  const Eigen::MatrixXd one = Eigen::MatrixXd::Identity(1, 1);
  CHECK(cons.threshold() == 0.05);
  for (int i = 0; i < 10; ++i) cons.decide(std::vector<double>{i % 2 ? 0.9 : -0.9}, std::vector<double>{0.8}, one);
  CHECK(cons.threshold() > 0.9);  // alternating +-0.9: sd about 0.95
  const auto d = cons.decide(std::vector<double>{0.5}, std::vector<double>{0.8}, one);
  CHECK(d.action == 0);  // 0.5 is inside the noise band
}
