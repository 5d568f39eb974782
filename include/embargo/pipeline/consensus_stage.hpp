// embargo: a consensus "model" over the models already run on a symbol (strategy/consensus.hpp):
// at each tested event, in time order, the models' votes 2p − 1 are weighted by their
// reliability (hit rate of their own earlier trades) with a penalty for models that vote alike
// (correlation of their earlier votes), and the consensus trades when |S| clears the adaptive
// threshold. Causal by construction: a trade's outcome counts toward reliability only once its
// label has ended (t1 < the current event's t0), and votes enter the correlation only after they
// were cast. The result is one more model_run ("consensus"), evaluated and gated like the others.
#ifndef EMBARGO_PIPELINE_CONSENSUS_STAGE_HPP
#define EMBARGO_PIPELINE_CONSENSUS_STAGE_HPP

#include <algorithm>
#include <cstdint>
#include <limits>
#include <cmath>
#include <numeric>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include <embargo/pipeline/research.hpp>
#include <embargo/strategy/consensus.hpp>

namespace embargo {

struct consensus_stage {
  static constexpr const char* name = "consensus";
  consensus_options options{};
  cost_model costs{};
  sizing bet = sizing::probit;
  std::string model_name = "consensus";

  void operator()(symbol_research& r) const {
    if (!r.keep || r.models.size() < 2) return;
    const std::size_t k = r.models.size(), n = r.labels.size(), untested = r.folds.size();
    model_run out;
    out.name = model_name;
    out.fold_of = r.models.front().fold_of;
    out.probability.assign(n, std::numeric_limits<double>::quiet_NaN());
    out.position.assign(n, 0.0);
    out.trade_return.assign(n, 0.0);

    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < n; ++i)
      if (out.fold_of[i] != untested) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return r.labels[a].t0 < r.labels[b].t0; });

    consensus engine(options);
    std::vector<double> hits(k, 0.0), calls(k, 0.0), votes(k), reliability(k);
    Eigen::VectorXd vote_sum = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(k));
    Eigen::MatrixXd vote_cross = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
    double cast = 0;
    using pending_trade = std::pair<std::int64_t, std::size_t>;  // (t1, event): resolved when t1 < t0
    std::priority_queue<pending_trade, std::vector<pending_trade>, std::greater<>> pending;

    for (std::size_t i : order) {
      const auto t0 = static_cast<std::int64_t>(r.labels[i].t0);
      while (!pending.empty() && pending.top().first < t0) {
        const std::size_t e = pending.top().second;
        pending.pop();
        for (std::size_t j = 0; j < k; ++j) {
          const double pos = r.models[j].position[e];
          if (pos == 0) continue;
          calls[j] += 1;
          hits[j] += (pos > 0) == (r.labels[e].ret > 0) ? 1.0 : 0.0;
        }
      }
      for (std::size_t j = 0; j < k; ++j) {
        const double p = r.models[j].probability[i];
        votes[j] = std::isfinite(p) ? std::clamp(2 * p - 1, -1.0, 1.0) : 0.0;
        reliability[j] = calls[j] > 0 ? hits[j] / calls[j] : std::numeric_limits<double>::quiet_NaN();
      }
      const auto d = engine.decide(votes, reliability, correlation(vote_sum, vote_cross, cast));
      const Eigen::Map<const Eigen::VectorXd> v(votes.data(), static_cast<Eigen::Index>(k));
      vote_sum += v;
      vote_cross += v * v.transpose();
      cast += 1;
      pending.emplace(static_cast<std::int64_t>(r.labels[i].t1), i);
      out.probability[i] = (d.score + 1) / 2;
      record_trade(out, i, d.action != 0 ? bet_size(out.probability[i], bet) : 0.0, r.labels[i], costs);
    }
    r.models.push_back(std::move(out));
  }

 private:
  // Pearson correlation of the votes cast so far; the identity (no redundancy known) until three
  // votes exist or where a model's votes have not varied.
  static Eigen::MatrixXd correlation(const Eigen::VectorXd& sum, const Eigen::MatrixXd& cross, double m) {
    const auto k = sum.size();
    Eigen::MatrixXd c = Eigen::MatrixXd::Identity(k, k);
    if (m < 3) return c;
    const Eigen::MatrixXd cov = cross / m - (sum / m) * (sum / m).transpose();
    for (Eigen::Index a = 0; a < k; ++a)
      for (Eigen::Index b = 0; b < k; ++b) {
        const double den = std::sqrt(cov(a, a) * cov(b, b));
        if (a != b && den > 1e-12) c(a, b) = cov(a, b) / den;
      }
    return c;
  }
};

}  // namespace embargo

#endif
