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

/// What a symbol's consensus had learnt at a point in time: per member model, its resolved trades
/// and hits (its reliability), and the running sums of the votes cast (their correlation); and
/// the engine with its recent scores (the adaptive threshold).
struct consensus_snapshot {
  std::vector<double> hits, calls;
  Eigen::VectorXd vote_sum;
  Eigen::MatrixXd vote_cross;
  double cast = 0;  ///< votes cast (events decided)
  consensus engine;

  /// Hit rate of each member's resolved trades; NaN for a member with none yet.
  std::vector<double> reliability() const {
    std::vector<double> r(hits.size());
    for (std::size_t j = 0; j < r.size(); ++j) r[j] = calls[j] > 0 ? hits[j] / calls[j] : std::numeric_limits<double>::quiet_NaN();
    return r;
  }

  /// Pearson correlation of the votes cast so far; the identity (no redundancy known) until three
  /// votes exist or where a model's votes have not varied.
  Eigen::MatrixXd correlation() const {
    const auto k = vote_sum.size();
    Eigen::MatrixXd c = Eigen::MatrixXd::Identity(k, k);
    if (cast < 3) return c;
    const Eigen::MatrixXd cov = vote_cross / cast - (vote_sum / cast) * (vote_sum / cast).transpose();
    for (Eigen::Index a = 0; a < k; ++a)
      for (Eigen::Index b = 0; b < k; ++b) {
        const double den = std::sqrt(cov(a, a) * cov(b, b));
        if (a != b && den > 1e-12) c(a, b) = cov(a, b) / den;
      }
    return c;
  }
};

/// Replays the consensus over the first `members` models of a symbol's tested events, in time
/// order, up to (not including) bar `before`: `on_decision(i, decision)` sees each event i with
/// t0 < before. A trade's outcome counts toward its model's reliability once its label has ended
/// (t1 < the current event's t0; at the end, t1 < before), and votes enter the correlation only
/// after they were cast. Returns what was learnt: the run's consensus stage and the export of a
/// consensus model (lifecycle/consensus_codec.hpp) share this one replay.
template <class OnDecision>
consensus_snapshot replay_consensus(const symbol_research& r, std::size_t members, const consensus_options& options,
                                    std::int64_t before, OnDecision&& on_decision) {
  const std::size_t k = members, n = r.labels.size(), untested = r.folds.size();
  const auto& fold_of = r.models.front().fold_of;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i)
    if (fold_of[i] != untested && static_cast<std::int64_t>(r.labels[i].t0) < before) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return r.labels[a].t0 < r.labels[b].t0; });

  consensus_snapshot s{std::vector<double>(k, 0.0), std::vector<double>(k, 0.0), Eigen::VectorXd::Zero(static_cast<Eigen::Index>(k)),
                       Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k)), 0, consensus(options)};
  std::vector<double> votes(k);
  using pending_trade = std::pair<std::int64_t, std::size_t>;  // (t1, event): resolved when t1 < t0
  std::priority_queue<pending_trade, std::vector<pending_trade>, std::greater<>> pending;
  auto resolve_until = [&](std::int64_t t) {
    while (!pending.empty() && pending.top().first < t) {
      const std::size_t e = pending.top().second;
      pending.pop();
      for (std::size_t j = 0; j < k; ++j) {
        const double pos = r.models[j].position[e];
        if (pos == 0) continue;
        s.calls[j] += 1;
        s.hits[j] += (pos > 0) == (r.labels[e].ret > 0) ? 1.0 : 0.0;
      }
    }
  };
  for (std::size_t i : order) {
    resolve_until(static_cast<std::int64_t>(r.labels[i].t0));
    for (std::size_t j = 0; j < k; ++j) {
      const double p = r.models[j].probability[i];
      votes[j] = std::isfinite(p) ? std::clamp(2 * p - 1, -1.0, 1.0) : 0.0;
    }
    on_decision(i, s.engine.decide(votes, s.reliability(), s.correlation()));
    const Eigen::Map<const Eigen::VectorXd> v(votes.data(), static_cast<Eigen::Index>(k));
    s.vote_sum += v;
    s.vote_cross += v * v.transpose();
    s.cast += 1;
    pending.emplace(static_cast<std::int64_t>(r.labels[i].t1), i);
  }
  resolve_until(before);
  return s;
}

struct consensus_stage {
  static constexpr const char* name = "consensus";
  consensus_options options{};
  cost_model costs{};
  sizing bet = sizing::probit;
  std::string model_name = "consensus";

  void operator()(symbol_research& r) const {
    if (!r.keep || r.models.size() < 2) return;
    const std::size_t n = r.labels.size();
    model_run out;
    out.name = model_name;
    out.fold_of = r.models.front().fold_of;
    out.probability.assign(n, std::numeric_limits<double>::quiet_NaN());
    out.position.assign(n, 0.0);
    out.trade_return.assign(n, 0.0);
    replay_consensus(r, r.models.size(), options, std::numeric_limits<std::int64_t>::max(),
                     [&](std::size_t i, const consensus_decision& d) {
                       out.probability[i] = (d.score + 1) / 2;
                       record_trade(out, i, d.action != 0 ? bet_size(out.probability[i], bet) : 0.0, r.labels[i], costs);
                     });
    r.models.push_back(std::move(out));
  }
};

}  // namespace embargo

#endif
