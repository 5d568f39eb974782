// embargo: consensus across engines (many-pairs seed): reliability-weighted votes, a penalty for
// engines that say the same thing, an adaptive threshold, a consensus level and one score S.
// The seed names these parts without formulas; the formulas below are ours, stated exactly.
#ifndef EMBARGO_STRATEGY_CONSENSUS_HPP
#define EMBARGO_STRATEGY_CONSENSUS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include <embargo/core/enum_names.hpp>
#include <embargo/core/error.hpp>

namespace embargo {

enum class consensus_level { none, weak, moderate, strong };

template <>
struct enum_names<consensus_level> {
  static constexpr std::array<std::pair<std::string_view, consensus_level>, 4> entries{
      {{"none", consensus_level::none},
       {"weak", consensus_level::weak},
       {"moderate", consensus_level::moderate},
       {"strong", consensus_level::strong}}};
};

/// "none", "weak", "moderate", "strong" (a value outside the enum reads as none).
constexpr std::string_view to_string(consensus_level l) noexcept { return to_name(l).empty() ? "none" : to_name(l); }

struct consensus_options {
  double chance = 0.5;         ///< reliability at which an engine is worth nothing (hit rate of a coin)
  double base_threshold = 0.1; ///< |S| must exceed max(base, z · sd of recent S) to act
  double z = 1.0;
  std::size_t history = 50;    ///< recent scores kept for the adaptive threshold
  double strong = 0.8, moderate = 0.6;  ///< weighted agreement bounds of the levels
};

struct consensus_decision {
  double score = 0;        ///< S in [−1, 1]
  double threshold = 0;    ///< the adaptive threshold used
  double agreement = 0;    ///< weighted share of engines on the side of S
  int action = 0;          ///< +1 long, −1 short, 0 stay out
  consensus_level level = consensus_level::none;
  std::vector<double> weights;  ///< final weight of each engine (sum 1, or all 0)
};

/// Votes s_j in [−1, 1] (e.g. 2p − 1), reliabilities r_j (recent out-of-sample hit rates) and the
/// correlation matrix C of the engines' past votes give:
///   skill  a_j = max(r_j − chance, 0);
///   weight w_j ∝ a_j² / Σ_k a_k·max(C_jk, 0)  (C_jj = 1: k identical engines share the weight of
///                                              one; an uncorrelated engine keeps its skill a_j);
///   score  S = Σ w_j s_j / Σ w_j;
///   agreement = Σ_{sign s_j = sign S} w_j / Σ w_j;
///   action = sign S if |S| > θ, θ = max(base, z·sd(recent S)); level from the agreement
///   (strong ≥ 0.8, moderate ≥ 0.6, weak otherwise; none without action).
class consensus {
 public:
  explicit consensus(consensus_options opt = {}) : opt_(opt) {}

  consensus_decision decide(std::span<const double> votes, std::span<const double> reliability,
                            const Eigen::Ref<const Eigen::MatrixXd>& correlation) {
    auto d = apply(votes, weights(votes.size(), reliability, correlation, opt_.chance), threshold(), opt_);
    recent_.push_back(d.score);
    if (recent_.size() > opt_.history) recent_.pop_front();
    return d;
  }

  /// The engines' weights w_j (sum 1, or all 0 when no engine has skill) for k engines.
  static std::vector<double> weights(std::size_t k, std::span<const double> reliability,
                                     const Eigen::Ref<const Eigen::MatrixXd>& correlation, double chance) {
    if (k == 0) throw invalid_argument("consensus: no engines");
    if (reliability.size() != k || correlation.rows() != static_cast<Eigen::Index>(k) ||
        correlation.cols() != static_cast<Eigen::Index>(k))
      throw invalid_argument("consensus: " + std::to_string(k) + " votes need as many reliabilities and a " +
                             std::to_string(k) + "x" + std::to_string(k) + " correlation matrix");
    std::vector<double> w(k, 0.0), skill(k);
    for (std::size_t j = 0; j < k; ++j) skill[j] = std::isfinite(reliability[j]) ? std::max(reliability[j] - chance, 0.0) : 0.0;
    double total = 0;
    for (std::size_t j = 0; j < k; ++j) {
      if (skill[j] == 0) continue;
      double redundancy = 0;
      for (std::size_t i = 0; i < k; ++i) {
        const double c = i == j ? 1.0 : correlation(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i));
        redundancy += skill[i] * std::max(std::isfinite(c) ? c : 0.0, 0.0);
      }
      w[j] = skill[j] * skill[j] / redundancy;  // a_j · (a_j / Σ a_k max(C_jk, 0))
      total += w[j];
    }
    if (total > 0)
      for (auto& x : w) x /= total;
    return w;
  }

  /// The decision of fixed weights and threshold on one set of votes (no history kept): what a
  /// consensus frozen at the end of its training applies to new bars.
  static consensus_decision apply(std::span<const double> votes, std::vector<double> weights, double threshold,
                                  const consensus_options& opt) {
    const std::size_t k = votes.size();
    if (weights.size() != k) throw invalid_argument("consensus: " + std::to_string(k) + " votes need as many weights");
    consensus_decision d;
    d.weights = std::move(weights);
    for (std::size_t j = 0; j < k; ++j)
      if (!(votes[j] >= -1 && votes[j] <= 1)) throw data_error("consensus: vote " + std::to_string(j) + " is outside [-1, 1]");
    double total = 0;
    for (double w : d.weights) total += w;
    if (total > 0) {
      for (std::size_t j = 0; j < k; ++j) d.score += d.weights[j] * votes[j];
      for (std::size_t j = 0; j < k; ++j)
        if ((votes[j] > 0 && d.score > 0) || (votes[j] < 0 && d.score < 0)) d.agreement += d.weights[j];
    }
    d.threshold = threshold;
    if (std::abs(d.score) > d.threshold) {
      d.action = d.score > 0 ? 1 : -1;
      d.level = d.agreement >= opt.strong ? consensus_level::strong
              : d.agreement >= opt.moderate ? consensus_level::moderate : consensus_level::weak;
    }
    return d;
  }

  const consensus_options& options() const noexcept { return opt_; }
  /// The recent scores behind the adaptive threshold, oldest first.
  const std::deque<double>& recent() const noexcept { return recent_; }

  /// max(base, z · sample sd of the recent scores); the base alone until two scores are known.
  double threshold() const {
    if (recent_.size() < 2) return opt_.base_threshold;
    const double mean = std::accumulate(recent_.begin(), recent_.end(), 0.0) / static_cast<double>(recent_.size());
    double ss = 0;
    for (double s : recent_) ss += (s - mean) * (s - mean);
    return std::max(opt_.base_threshold, opt_.z * std::sqrt(ss / static_cast<double>(recent_.size() - 1)));
  }

 private:
  consensus_options opt_;
  std::deque<double> recent_;
};

}  // namespace embargo

#endif
