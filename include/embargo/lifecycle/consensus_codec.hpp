// embargo: the consensus as an exported model. In a run the consensus votes over the symbol's
// other models at each tested event, weighting each by its reliability (hit rate of its earlier
// out-of-sample trades) with a penalty for models that vote alike, and trades when |S| clears an
// adaptive threshold (pipeline/consensus_stage.hpp). Exported, it is frozen at what it had learnt:
// every member model refitted like a candidate of its own kind, the weights w_j the replay of the
// run's record gives, and the threshold of its last decision. Serving applies
// S = Σ w_j (2 p_j − 1) and trades when |S| > threshold; nothing is re-learnt from new bars
// (their outcomes are unknown when predicting), which makes the served consensus a fixed
// function of each bar's features like every other kind. Retraining re-learns it.
// embargo-requires: json
#ifndef EMBARGO_LIFECYCLE_CONSENSUS_CODEC_HPP
#define EMBARGO_LIFECYCLE_CONSENSUS_CODEC_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <embargo/core/json_number.hpp>
#include <embargo/lifecycle/model_codec.hpp>
#include <embargo/lifecycle/model_kind_codec.hpp>
#include <embargo/pipeline/consensus_stage.hpp>
#include <embargo/strategy/consensus.hpp>

namespace embargo::lifecycle {

inline constexpr const char* consensus_kind = "consensus";

namespace detail {
// The consensus' members: the models run before it (the stage appends it after them).
inline std::size_t consensus_members(const symbol_research& r) {
  for (std::size_t j = 0; j < r.models.size(); ++j)
    if (r.models[j].name == consensus_kind) return j;
  return r.models.size();
}


// The frozen decision rule of a snapshot.
inline nlohmann::json consensus_rule(const consensus_snapshot& s) {
  const auto& o = s.engine.options();
  const std::vector<double> reliability = s.reliability();
  const Eigen::MatrixXd c = s.correlation();
  const auto k = reliability.size();
  nlohmann::json learnt_reliability = nlohmann::json::array(), correlation = nlohmann::json::array();
  for (std::size_t j = 0; j < k; ++j) {
    learnt_reliability.push_back(number_or_null(reliability[j]));
    nlohmann::json row = nlohmann::json::array();
    for (std::size_t i = 0; i < k; ++i) row.push_back(c(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)));
    correlation.push_back(std::move(row));
  }
  return {{"weights", consensus::weights(k, reliability, c, o.chance)},
          {"threshold", s.engine.threshold()},
          {"levels", {{"strong", o.strong}, {"moderate", o.moderate}}},
          // What the weights were learnt from: for a reader, not read back.
          {"learnt", {{"votes", s.cast}, {"trades", s.calls}, {"reliability", learnt_reliability}, {"correlation", correlation}}}};
}
}  // namespace detail

/// The consensus kind's codec: members fitted and loaded through `codecs` by their own kinds.
inline model_kind_codec consensus_codec() {
  model_kind_codec c;
  c.why_not = [](const symbol_research& r, const codec_map& codecs) -> std::string {
    const std::size_t k = detail::consensus_members(r);
    if (k == r.models.size()) return "the symbol has no consensus run";
    for (std::size_t j = 0; j < k; ++j)
      if (!codecs.count(r.models[j].name) || r.models[j].name == consensus_kind)
        return "consensus member \"" + r.models[j].name + "\" cannot be exported";
    return "";
  };
  c.fit_in_run = [](const research::research_options& o, matrix_cref X, vector_cref y, vector_cref w, const symbol_research& r,
                    std::int64_t before, const codec_map& codecs) {
    const std::size_t k = detail::consensus_members(r);
    if (k < 2 || k == r.models.size()) throw invalid_argument("consensus export: the symbol's run has no consensus over two models");
    nlohmann::json members = nlohmann::json::array();
    for (std::size_t j = 0; j < k; ++j) {
      const auto codec = codecs.find(r.models[j].name);
      if (codec == codecs.end() || !codec->second.fit)
        throw invalid_argument("consensus export: member \"" + r.models[j].name + "\" cannot be exported");
      members.push_back({{"kind", r.models[j].name}, {"model", codec->second.fit(o, X, y, w)}});
    }
    // The stage's own options (research/models.hpp builds it with the defaults).
    const auto learnt = replay_consensus(r, k, consensus_stage{}.options, before, [](std::size_t, const consensus_decision&) {});
    auto tree = detail::consensus_rule(learnt);
    tree["type"] = "consensus";
    tree["members"] = std::move(members);
    return tree;
  };
  c.load = [](const nlohmann::json& tree, const std::string& where, Eigen::Index width, const codec_map& codecs) -> predictor {
    detail::expect_type(tree, "consensus", where);
    const auto& members = detail::field(tree, "members", where);
    if (!members.is_array() || members.size() < 2) detail::fail(where + ".members", "expected an array of at least two models");
    std::vector<predictor> parts;
    for (std::size_t j = 0; j < members.size(); ++j) {
      const std::string at = where + ".members[" + std::to_string(j) + "]";
      const auto& kind = detail::field(members[j], "kind", at);
      if (!kind.is_string()) detail::fail(at + ".kind", "expected a string");
      const auto codec = codecs.find(kind.get<std::string>());
      if (codec == codecs.end() || kind.get<std::string>() == consensus_kind)
        detail::fail(at + ".kind", "\"" + kind.get<std::string>() + "\" is not a member kind known to this build");
      parts.push_back(codec->second.load(detail::field(members[j], "model", at), at + ".model", width, codecs));
    }
    const Eigen::VectorXd w = detail::vector(tree, "weights", where);
    if (static_cast<std::size_t>(w.size()) != parts.size())
      detail::fail(where + ".weights", std::to_string(w.size()) + " weights for " + std::to_string(parts.size()) + " members");
    const double total = w.sum();
    if ((w.array() < 0).any() || !(total == 0 || std::abs(total - 1) < 1e-9))
      detail::fail(where + ".weights", "expected non-negative weights summing to 1 (or all 0)");
    const double threshold = detail::number(tree, "threshold", where);
    if (threshold < 0) detail::fail(where + ".threshold", "expected a non-negative number");
    consensus_options opt;
    const auto& levels = detail::field(tree, "levels", where);
    opt.strong = detail::number(levels, "strong", where + ".levels");
    opt.moderate = detail::number(levels, "moderate", where + ".levels");
    auto rule = std::make_shared<const std::pair<std::vector<double>, consensus_options>>(
        std::vector<double>(w.data(), w.data() + w.size()), opt);
    return [parts = std::move(parts), rule, threshold](matrix_cref X) {
      const auto k = parts.size();
      const auto n = X.rows();
      Eigen::MatrixXd p(n, static_cast<Eigen::Index>(k));
      for (std::size_t j = 0; j < k; ++j) p.col(static_cast<Eigen::Index>(j)) = parts[j](X).probability;
      model_outputs out{Eigen::VectorXd(n), std::vector<consensus_level>(static_cast<std::size_t>(n))};
      std::vector<double> votes(k);
      for (Eigen::Index i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < k; ++j) {
          const double pj = p(i, static_cast<Eigen::Index>(j));
          votes[j] = std::isfinite(pj) ? std::clamp(2 * pj - 1, -1.0, 1.0) : 0.0;  // as the run votes
        }
        const auto d = consensus::apply(votes, rule->first, threshold, rule->second);
        out.probability[i] = (d.score + 1) / 2;
        out.level[static_cast<std::size_t>(i)] = d.level;
      }
      return out;
    };
  };
  return c;
}

}  // namespace embargo::lifecycle

#endif
