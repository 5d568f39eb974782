// Example 05: a research pipeline of your own. Stages are small structs composed with `|` at
// compile time; a stage you leave out is not in the type, so it costs nothing at run time. Here
// the standard stages are joined by one of ours (an extra feature column), and the shared front
// of the pipeline is reused for two models, so both are judged on exactly the same events.
#include <cmath>
#include <cstdio>

#include <embargo/data.hpp>
#include <embargo/models.hpp>
#include <embargo/pipeline.hpp>

// Appends one causal feature to what the features stage built: how far the close sits above its
// 50-bar mean, in units of the current volatility (bars after the event are never read).
struct trend_feature_stage {
  static constexpr const char* name = "trend feature";
  void operator()(embargo::symbol_research& r) const {
    if (!r.keep) return;
    const auto& close = r.series().close;
    const Eigen::Index n = r.features.rows(), col = r.features.cols();
    r.features.conservativeResize(n, col + 1);
    r.feature_names.push_back("trend50");
    for (Eigen::Index i = 0; i < n; ++i) {
      const std::size_t t = r.labels[static_cast<std::size_t>(i)].t0, from = t >= 49 ? t - 49 : 0;
      double mean = 0;
      for (std::size_t j = from; j <= t; ++j) mean += close[j] / static_cast<double>(t - from + 1);
      r.features(i, col) = std::log(close[t] / mean) / r.volatility[t];
    }
  }
};

int main() {
  const auto market = embargo::simulate_market({.n_symbols = 1, .n_bars = 3000, .seed = 8});
  using logit = embargo::standardized<embargo::logistic_regression>;

  // Labels are the sign of the return at the first touch, so "not up" means down, not "down or
  // timed out". Walk-forward: each model is fitted only on events before its test window, as a
  // live strategy would have been, so the record is a backtest.
  const embargo::triple_barrier_options barriers{.pt = 2, .sl = 2, .vertical_bars = 10, .rule = embargo::label_rule::sign};
  const auto front = embargo::pipeline<>{} | embargo::integrity_stage{} | embargo::cusum_event_stage{.multiplier = 2}
                     | embargo::triple_barrier_stage{barriers} | embargo::return_features_stage{} | trend_feature_stage{}
                     | embargo::uniqueness_decay_weight_stage{} | embargo::walk_forward_stage{};
  const auto p = front | embargo::model_stage<logit>{.model_name = "logit"}
                 | embargo::model_stage<logit>{.model_name = "logit_l50", .prototype = logit(embargo::logistic_regression({.lambda = 50}))};
  std::printf("plan:");
  for (const auto stage : p.plan()) std::printf(" %.*s", static_cast<int>(stage.size()), stage.data());
  std::printf("\n");

  embargo::symbol_research r;  // the stages fill it in order; the bars are only pointed at
  r.symbol = "SIM000";
  r.raw = &market.bars.symbols.front();
  p.run(r);
  std::size_t up = 0;
  for (const auto& l : r.labels) up += l.label > 0;
  std::printf("%zu bars, %zu events, %zu labelled up, %zu features, %zu walk-forward windows\n", r.series().size(),
              r.labels.size(), up, r.feature_names.size(), r.folds.size());

  // The simulated market is close to a random walk, so hit rates near one half are the honest
  // answer and costs decide the net; the stronger penalty gives probabilities nearer 0.5, hence
  // smaller bets and lower costs.
  for (const auto& m : r.models) {
    std::size_t tested = 0, hits = 0;
    double net = 0;
    for (std::size_t i = 0; i < r.labels.size(); ++i) {
      if (m.fold_of[i] == r.folds.size()) continue;  // in the first training window only
      ++tested;
      hits += (m.probability[i] > 0.5) == (r.labels[i].label > 0);
      net += m.trade_return[i];
    }
    std::printf("%-9s %zu tested events, hit rate %.3f, gross %+.2f %%, costs %.2f %%, net %+.2f %%\n", m.name.c_str(),
                tested, static_cast<double>(hits) / static_cast<double>(tested), 100 * m.costs.gross,
                100 * m.costs.total(), 100 * net);
  }
}
