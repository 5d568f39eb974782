// metrics.hpp alone: a metric set in one pass, the same set over two halves merged, and a
// rolling Sharpe ratio.
#include <embargo/metrics.hpp>

#include <cmath>
#include <cstdio>
#include <span>
#include <vector>

#include "common.hpp"

namespace tag = embargo::tag;

using single_test::put;
using single_test::require;

int main() {
  const auto close = single_test::price_path(3001, 21);
  std::vector<double> returns;
  for (std::size_t i = 1; i < close.size(); ++i) returns.push_back(close[i] / close[i - 1] - 1);
  using set = embargo::metric_set<tag::sharpe, tag::sortino, tag::max_drawdown, tag::profit_factor, tag::win_rate,
                                  tag::volatility, tag::skewness>;
  set all({.periods_per_year = 252});
  all.push(returns);
  set first(all.options()), second(all.options());
  first.push(std::span(returns).first(1234));
  second.push(std::span(returns).subspan(1234));
  first.merge(second);
  const auto a = all.results();
  const auto m = first.results();
  for (std::size_t i = 0; i < a.size(); ++i) {
    require(std::abs(a[i].value - m[i].value) <= 1e-12 * (1 + std::abs(a[i].value)), "merge = one pass");
    std::printf("%.*s %.17g merged %.17g\n", static_cast<int>(a[i].name.size()), a[i].name.data(), a[i].value,
                m[i].value);
  }
  put("sharpe", embargo::extract<tag::sharpe>(all));
}
