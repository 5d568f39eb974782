// embargo: champion/challenger, promote only on a statistically significant improvement.
// Both models run side by side over the same shadow window; the Sharpe-difference test (any
// callable, e.g. Jobson–Korkie/Memmel or a paired bootstrap from stats/) decides.
#ifndef EMBARGO_GATES_CHAMPION_CHALLENGER_HPP
#define EMBARGO_GATES_CHAMPION_CHALLENGER_HPP

#include <cmath>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>

#include <embargo/core/error.hpp>

namespace embargo {

/// The evidence a decision needs: `difference` = Sharpe(challenger) − Sharpe(champion) and
/// `p_value`, one-sided for H1: challenger > champion.
struct challenger_evidence {
  double difference = 0.0;
  double p_value = 1.0;
};

/// What a Sharpe-difference test may return: challenger_evidence, or any result with
/// `difference` (SR_a − SR_b) and `p_a_greater` (one-sided p of SR_a > SR_b), which is the shape
/// of stats/sharpe_difference.hpp's sharpe_difference_result and sharpe_bootstrap_result.
template <class R>
concept challenger_test_result = std::convertible_to<R, challenger_evidence> || requires(const R& r) {
  { r.difference } -> std::convertible_to<double>;
  { r.p_a_greater } -> std::convertible_to<double>;
};

/// A test over paired returns, called as test(challenger, champion) (a = challenger, b = champion,
/// the argument order of embargo::sharpe_difference_test).
template <class T>
concept challenger_test = requires(T& t, std::span<const double> a, std::span<const double> b) {
  { t(a, b) } -> challenger_test_result;
};

struct champion_challenger_options {
  double alpha = 0.05;                        ///< promote when p_value < alpha
  std::size_t min_shadow_observations = 63;   ///< about a quarter of daily returns
};

struct challenger_decision {
  bool promote = false;
  std::string reason;
  challenger_evidence test;
  std::size_t shadow_observations = 0;
};

/// Promote iff the shadow window is long enough, the challenger's Sharpe is higher and the
/// one-sided p-value is below alpha. A NaN difference or p-value never promotes.
class champion_challenger {
 public:
  /// Throws invalid_argument unless 0 < alpha < 1.
  explicit champion_challenger(champion_challenger_options opt = {}) : opt_(opt) {
    detail::require(opt.alpha > 0.0 && opt.alpha < 1.0,
                    "champion_challenger: alpha must be in (0, 1), got " + std::to_string(opt.alpha));
  }

  /// With a precomputed test result over `shadow_observations` paired returns.
  challenger_decision decide(std::size_t shadow_observations, challenger_evidence r) const {
    challenger_decision d{false, {}, r, shadow_observations};
    if (shadow_observations < opt_.min_shadow_observations)
      d.reason = "shadow window too short: " + std::to_string(shadow_observations) + " < " +
                 std::to_string(opt_.min_shadow_observations) + " observations";
    else if (std::isnan(r.difference) || std::isnan(r.p_value))
      d.reason = "the Sharpe-difference test is undefined (NaN)";
    else if (r.difference <= 0.0)
      d.reason = "challenger's Sharpe is not higher than the champion's";
    else if (!(r.p_value < opt_.alpha))
      d.reason = "improvement not significant: p = " + std::to_string(r.p_value) + " >= alpha " +
                 std::to_string(opt_.alpha);
    else {
      d.promote = true;
      d.reason = "challenger beats the champion: p = " + std::to_string(r.p_value);
    }
    return d;
  }

  /// Runs test(challenger, champion) over the paired shadow returns; the test is not run when
  /// the window is too short. Precondition: equal lengths (the same periods for both models),
  /// otherwise invalid_argument. `cc.decide(champion, challenger, embargo::sharpe_difference_test)`
  /// works as is with stats/sharpe_difference.hpp.
  template <challenger_test Test>
  challenger_decision decide(std::span<const double> champion, std::span<const double> challenger, Test&& test) const {
    detail::require(champion.size() == challenger.size(),
                    "champion_challenger: champion and challenger returns must cover the same periods (" +
                        std::to_string(champion.size()) + " vs " + std::to_string(challenger.size()) + ")");
    if (champion.size() < opt_.min_shadow_observations) return decide(champion.size(), challenger_evidence{});
    return decide(champion.size(), evidence(test(challenger, champion)));
  }

 private:
  template <class R>
  static challenger_evidence evidence(const R& r) {
    if constexpr (std::convertible_to<R, challenger_evidence>)
      return r;
    else
      return {static_cast<double>(r.difference), static_cast<double>(r.p_a_greater)};
  }
  champion_challenger_options opt_;
};

}  // namespace embargo

#endif
