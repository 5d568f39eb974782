// pipeline.hpp, with models.hpp for the model it trains (a stage is a template over the model):
// stages composed with | run on a symbol (CUSUM events, triple-barrier labels, uniqueness
// weights, purged k-fold, a logistic model out of fold), and the thread pool.
#include <embargo/models.hpp>
#include <embargo/pipeline.hpp>

#include <cmath>
#include <cstdio>

#include "common.hpp"

using single_test::put;
using single_test::require;

namespace {
// Two causal features: the return over the last 5 bars and the volatility at the event.
struct momentum_features {
  static constexpr const char* name = "features";
  void operator()(embargo::symbol_research& r) const {
    if (!r.keep) return;
    const auto& c = r.series().close;
    r.feature_names = {"ret5", "vol"};
    r.features.resize(static_cast<Eigen::Index>(r.labels.size()), 2);
    for (std::size_t i = 0; i < r.labels.size(); ++i) {
      const std::size_t t = r.labels[i].t0;
      r.features.row(static_cast<Eigen::Index>(i)) << (t >= 5 ? std::log(c[t] / c[t - 5]) : 0.0), r.volatility[t];
    }
  }
};
}  // namespace

int main() {
  embargo::bars b;
  b.symbol = "WALK";
  b.close = single_test::price_path(1500, 81);
  for (std::size_t t = 0; t < b.close.size(); ++t) {
    b.time.push_back(1420416000 + static_cast<std::int64_t>(t) * 86400);
    b.open.push_back(b.close[t]);
    b.high.push_back(b.close[t] * 1.003);
    b.low.push_back(b.close[t] * 0.997);
    b.volume.push_back(1e6);
  }
  const auto p = embargo::pipeline<>{} | embargo::cusum_event_stage{} | embargo::triple_barrier_stage{} |
                 momentum_features{} | embargo::uniqueness_decay_weight_stage{} | embargo::purged_kfold_stage{} |
                 embargo::model_stage<embargo::standardized<embargo::logistic_regression>>{.model_name = "logit"};
  embargo::symbol_research r;
  r.symbol = b.symbol;
  r.raw = &b;
  p.run(r);
  require(r.keep && r.models.size() == 1, "one model");
  put("events", r.events.size());
  put("folds", r.folds.size());
  for (std::size_t i = 0; i < r.models[0].probability.size(); i += 25)
    std::printf("event %zu p %.17g\n", i, r.models[0].probability[i]);
  embargo::thread_pool pool(2);
  const auto sq = embargo::parallel_map(pool, 10, [](std::size_t i) { return static_cast<double>(i * i); });
  put("parallel_map", sq[9]);
}
