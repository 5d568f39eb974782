// Example 01: cross-validate without leakage. Triple-barrier labels span several bars, so a plain
// k-fold trains on labels whose outcome overlaps the test period. Purged k-fold drops those
// training labels and embargoes a few more after each test block (serially correlated features);
// combinatorial purged CV (CPCV) does the same for every pair of test groups and assembles the
// splits into several full out-of-sample backtest paths. Both are checked here, not trusted.
#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include <embargo/data.hpp>
#include <embargo/events.hpp>
#include <embargo/features.hpp>
#include <embargo/labelers.hpp>
#include <embargo/splitters.hpp>

// Throws unless no training label overlaps a test label, and unless training resumes after each
// test block only `n_embargo` observations past the first label that starts after the block's end.
void check_fold(const std::vector<embargo::interval>& ev, const embargo::fold& f, std::size_t n_embargo) {
  for (std::size_t i : f.train)
    for (std::size_t j : f.test)
      if (overlaps(ev[i], ev[j])) throw std::logic_error("a training label overlaps a test label");
  for (const auto& block : f.test.runs()) {  // one contiguous test block [begin, end) at a time
    std::size_t t1_max = 0;
    for (std::size_t j = block.begin; j < block.end; ++j) t1_max = std::max(t1_max, ev[j].t1);
    std::size_t resume = block.end;
    while (resume < ev.size() && ev[resume].t0 <= t1_max) ++resume;
    for (std::size_t i : f.train)
      if (i >= block.end && i < resume + n_embargo) throw std::logic_error("the embargo was not respected");
  }
}

int main() {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 2000, .seed = 11});
  const auto& close = market.bars.symbols.front().close;
  const auto vol = embargo::ewm_volatility(close, {.span = 50});
  const auto t0 = embargo::cusum_filter(close, {.threshold = 0.02});
  const auto labels = embargo::triple_barrier({.close = close}, t0, vol, {.pt = 2, .sl = 2, .vertical_bars = 20});
  std::vector<embargo::interval> events;
  for (const auto& l : labels) events.push_back({l.t0, l.t1});
  std::printf("%zu events over %zu bars\n", events.size(), close.size());

  // 2 % of the observations: floor(0.02 n + 1e-9) events are embargoed after each test block.
  const std::size_t n_embargo = embargo::embargo_count_from_fraction(0.02, events.size());
  const auto folds = embargo::purged_kfold<>({.n_splits = 5, .embargo_fraction = 0.02}).split(events);
  std::printf("purged 5-fold, embargo %zu events:\n", n_embargo);
  std::vector<int> tested(events.size(), 0);
  for (std::size_t k = 0; k < folds.size(); ++k) {
    const auto& f = folds[k];
    check_fold(events, f, n_embargo);
    for (std::size_t j : f.test) ++tested[j];
    // Without purging every non-test event would train: the difference is what leakage costs.
    std::printf("  fold %zu: test events %4zu..%4zu (bars %4zu..%4zu), train %3zu, purged or embargoed %zu\n", k,
                f.test.front(), f.test.back(), events[f.test.front()].t0, events[f.test.back()].t1, f.train.size(),
                events.size() - f.test.size() - f.train.size());
  }
  for (int t : tested)
    if (t != 1) throw std::logic_error("an event was not tested exactly once");

  const embargo::combinatorial_purged_cv<> cpcv({.n_groups = 6, .n_test_groups = 2, .embargo_fraction = 0.02});
  const auto splits = cpcv.split(events);
  std::size_t min_train = events.size(), max_train = 0;
  for (std::size_t s = 0; s < splits.size(); ++s) {
    check_fold(events, splits[s], n_embargo);
    min_train = std::min(min_train, splits[s].train.size());
    max_train = std::max(max_train, splits[s].train.size());
  }
  std::printf("CPCV N = 6, k = 2: %zu splits, train %zu..%zu events, %zu backtest paths:\n", splits.size(), min_train,
              max_train, cpcv.n_paths());
  // A path stitches one out-of-sample prediction of every group, each from a split that tested
  // (so did not train on) that group: a whole backtest apiece instead of a single one.
  for (const auto& path : cpcv.backtest_paths(events.size())) {
    std::printf("  path:");
    for (const auto& seg : path) {
      if (!splits[seg.split].test.contains(seg.begin)) throw std::logic_error("a path uses a trained group");
      std::printf(" g%zu<-split %2zu", seg.group, seg.split);
    }
    std::printf("\n");
  }
  std::printf("every check passed\n");
}
