// stats.hpp alone: probabilistic and deflated Sharpe ratio of the best of several trials, the
// minimum track record length, and a two-sample Kolmogorov-Smirnov test.
#include <embargo/stats.hpp>

#include <cstdio>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  const auto close = single_test::price_path(1001, 31);
  std::vector<double> returns;
  for (std::size_t i = 1; i < close.size(); ++i) returns.push_back(close[i] / close[i - 1] - 1 + 0.0005);
  const std::vector<double> trials = {0.01, 0.03, -0.02, 0.05, 0.02, 0.04, 0.0, 0.015};
  const auto d = embargo::deflated_sharpe_ratio(returns, trials);
  require(d.dsr >= 0 && d.dsr <= 1, "DSR is a probability");
  put("dsr", d.dsr);
  put("sharpe", d.sharpe);
  put("benchmark sharpe", d.benchmark_sharpe);
  put("expected max z", d.expected_max_z);
  put("skewness", d.skewness);
  put("kurtosis", d.kurtosis);
  const auto p = embargo::probabilistic_sharpe_ratio(returns);
  put("psr", p.psr);
  put("min track record", embargo::min_track_record_length(d.sharpe, 0.0, d.skewness, d.kurtosis).observations);
  const std::vector<double> a(returns.begin(), returns.begin() + 500), b(returns.begin() + 500, returns.end());
  const auto ks = embargo::ks_two_sample(a, b);
  put("ks statistic", ks.statistic);
  put("ks p", ks.p_exact);
}
