// Example 06: clean dirty bars before research. Simulate a market, inject the faults real data
// has (gaps, bad prints, a stale feed, an unadjusted split, a disagreeing second vendor), run the
// integrity pass, then keep the symbols that are long, liquid and tight enough to trade.
#include <cstdio>

#include <embargo/data.hpp>

int main() {
  const auto market = embargo::simulate_market({.n_symbols = 3, .n_bars = 1200, .seed = 21});
  const auto dirty = embargo::inject_faults(market.bars, {}, /*seed=*/21);

  embargo::panel clean;
  std::vector<std::size_t> repaired;
  for (std::size_t s = 0; s < dirty.bars.size(); ++s) {
    const auto res = embargo::check_integrity(dirty.bars.symbols[s], &dirty.reference.symbols[s]);
    const auto& r = res.report;
    std::printf("%s: %zu gaps (%zu bars filled), %zu spikes, %zu splits, %zu stale runs, %zu vendor mismatches -> %s\n",
                r.symbol.c_str(), r.gaps.size(), r.filled_bars, r.spikes.size(), r.splits.size(), r.stale.size(),
                r.vendor.mismatches.size(), r.keep ? "keep" : "drop");
    clean.symbols.push_back(res.clean);
    repaired.push_back(r.filled_bars + r.spikes.size());
  }

  const auto universe = embargo::select_universe(clean, {.min_history = 1000, .min_dollar_volume = 5e7}, repaired);
  for (const auto& d : universe) {
    std::printf("%s %s", d.symbol.c_str(), d.kept ? "tradable" : "excluded:");
    for (const auto& why : d.reasons) std::printf(" %s;", why.c_str());
    std::printf(" (spread %.2f %%)\n", 100 * d.spread);
  }
}
