// embargo: positions from a classifier's probability. López de Prado (2018), ch. 10: the size
// grows with the confidence that the predicted side is right, not linearly with p.
#ifndef EMBARGO_STRATEGY_BET_SIZING_HPP
#define EMBARGO_STRATEGY_BET_SIZING_HPP

#include <array>
#include <cmath>
#include <numbers>
#include <string_view>
#include <utility>

#include <embargo/core/enum_names.hpp>

namespace embargo {

enum class sizing { sign, linear, probit };

template <>
struct enum_names<sizing> {
  static constexpr std::array<std::pair<std::string_view, sizing>, 3> entries{
      {{"sign", sizing::sign}, {"linear", sizing::linear}, {"probit", sizing::probit}}};
};

/// Position in [−1, 1] for P(up) = p:
/// - sign:   +1 if p > 0.5, −1 if p < 0.5, 0 at 0.5;
/// - linear: 2p − 1;
/// - probit: 2Φ(z) − 1 with z = (p − 0.5)/√(p(1 − p)) (AFML 10.1, two classes), which stays small
///   near 0.5 and saturates quickly beyond ~0.7.
/// A NaN probability gives 0 (no position without a prediction).
inline double bet_size(double p, sizing rule = sizing::probit) noexcept {
  if (std::isnan(p)) return 0.0;
  if (p <= 0.0) return -1.0;
  if (p >= 1.0) return 1.0;
  switch (rule) {
    case sizing::sign: return p > 0.5 ? 1.0 : (p < 0.5 ? -1.0 : 0.0);
    case sizing::linear: return 2.0 * p - 1.0;
    case sizing::probit: {
      const double z = (p - 0.5) / std::sqrt(p * (1.0 - p));
      return std::erf(z / std::numbers::sqrt2);  // 2Φ(z) − 1
    }
  }
  return 0.0;
}

}  // namespace embargo

#endif
