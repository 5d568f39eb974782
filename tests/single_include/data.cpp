// data.hpp alone: the regime-switching market simulator, the bar checks and the integrity pass
// on bars with injected faults.
#include <embargo/data.hpp>

#include <cstdio>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  const auto market = embargo::simulate_market({.n_symbols = 3, .n_bars = 1500, .seed = 7});
  require(market.bars.size() == 3, "3 symbols");
  for (const auto& b : market.bars.symbols) {
    embargo::validate_bars(b);
    std::printf("%s first %.17g last %.17g\n", b.symbol.c_str(), b.close.front(), b.close.back());
  }
  const auto faulty = embargo::inject_faults(market.bars, {}, 3);
  for (std::size_t s = 0; s < faulty.bars.size(); ++s) {
    const auto r = embargo::check_integrity(faulty.bars.symbols[s], &faulty.reference.symbols[s]);
    require(r.report.spikes.size() == faulty.truth[s].spikes.size(), "every injected spike found");
    std::printf("%s in %zu out %zu gaps %zu spikes %zu stale %zu keep %d\n", r.report.symbol.c_str(), r.report.bars_in,
                r.report.bars_out, r.report.gaps.size(), r.report.spikes.size(), r.report.stale.size(),
                static_cast<int>(r.report.keep));
  }
}
