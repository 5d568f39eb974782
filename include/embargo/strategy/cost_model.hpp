// embargo: trading costs: fees, half the bid-ask spread and slippage per unit of turnover, and
// funding per period of exposure (many-pairs seed: "edge after costs").
#ifndef EMBARGO_STRATEGY_COST_MODEL_HPP
#define EMBARGO_STRATEGY_COST_MODEL_HPP

#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo {

/// All rates are fractions (0.0005 = 5 bp). A position change of Δ (in units of capital) costs
/// |Δ|·(fee + spread/2 + slippage); holding a position p for one period costs |p|·funding.
struct cost_model {
  double fee = 0.0005;       ///< per unit of turnover (exchange and broker fees)
  double spread = 0.0005;    ///< full quoted spread; a trade pays half of it
  double slippage = 0.0002;  ///< per unit of turnover: impact beyond the quoted spread
  double funding = 0.0;      ///< per period per unit of gross exposure (borrow, perpetual funding)

  void validate() const {
    for (double x : {fee, spread, slippage, funding})
      if (!(x >= 0) || !std::isfinite(x)) throw invalid_argument("cost_model: every rate must be finite and >= 0");
  }
  /// Cost of trading |delta| units of capital.
  double trading_cost(double delta) const noexcept { return std::abs(delta) * (fee + 0.5 * spread + slippage); }
  /// Round trip into and out of a position of size |size|.
  double round_trip(double size) const noexcept { return 2.0 * trading_cost(size); }
};

/// The parts of a strategy's cost, summed over the series, and its edge before and after them.
struct cost_breakdown {
  double gross = 0, fees = 0, spread = 0, slippage = 0, funding = 0;
  double net() const noexcept { return gross - fees - spread - slippage - funding; }
  double total() const noexcept { return fees + spread + slippage + funding; }
};

/// Net period returns of a strategy holding positions[t] over period t+1 (a position decided at
/// the close of t earns returns[t + 1]): net_{t+1} = p_t·r_{t+1} − cost(p_t − p_{t−1}) −
/// funding·|p_t|, with p_{−1} = 0. Returns one value per period from 1 to n−1 and, in
/// `breakdown` (optional), the sums of each part.
inline std::vector<double> net_returns(std::span<const double> positions, std::span<const double> returns,
                                       const cost_model& costs, cost_breakdown* breakdown = nullptr) {
  costs.validate();
  if (positions.size() != returns.size())
    throw invalid_argument("net_returns: " + std::to_string(positions.size()) + " positions for " +
                           std::to_string(returns.size()) + " returns");
  std::vector<double> out;
  if (positions.size() < 2) return out;
  out.reserve(positions.size() - 1);
  cost_breakdown b;
  double prev = 0;
  for (std::size_t t = 0; t + 1 < positions.size(); ++t) {
    const double p = positions[t];
    if (!std::isfinite(p)) throw data_error("net_returns: position " + std::to_string(t) + " is not finite");
    const double turnover = std::abs(p - prev);
    const double gross = p * returns[t + 1];
    const double fee = turnover * costs.fee, spr = turnover * 0.5 * costs.spread, slip = turnover * costs.slippage,
                 fund = std::abs(p) * costs.funding;
    b.gross += gross, b.fees += fee, b.spread += spr, b.slippage += slip, b.funding += fund;
    out.push_back(gross - fee - spr - slip - fund);
    prev = p;
  }
  if (breakdown) *breakdown = b;
  return out;
}

}  // namespace embargo

#endif
