// strategy.hpp alone: bet sizes from probabilities, net returns after costs, and the consensus
// of three engines (two of them copies of one another).
#include <embargo/strategy.hpp>

#include <cstdio>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  for (double p : {0.2, 0.5, 0.55, 0.7, 0.95})
    std::printf("p %.2f probit %.17g linear %.17g\n", p, embargo::bet_size(p), embargo::bet_size(p, embargo::sizing::linear));
  const auto close = single_test::price_path(300, 71);
  std::vector<double> returns(close.size(), 0.0), positions(close.size());
  for (std::size_t t = 1; t < close.size(); ++t) returns[t] = close[t] / close[t - 1] - 1;
  for (std::size_t t = 0; t < close.size(); ++t) positions[t] = (t / 20) % 2 ? 1.0 : -0.5;
  embargo::cost_breakdown b;
  const auto net = embargo::net_returns(positions, returns, embargo::cost_model{}, &b);
  require(net.size() == close.size() - 1 && b.total() > 0, "costs are paid");
  put("gross", b.gross);
  put("net", b.net());
  put("costs", b.total());
  Eigen::MatrixXd corr(3, 3);
  corr << 1, 1, 0.2, 1, 1, 0.2, 0.2, 0.2, 1;
  const std::vector<double> votes = {0.6, 0.6, -0.2}, reliability = {0.6, 0.6, 0.58};
  embargo::consensus c;
  const auto d = c.decide(votes, reliability, corr);
  put("consensus score", d.score);
  put("agreement", d.agreement);
  std::printf("action %d\n", d.action);
}
