// embargo: portfolio turnover from successive weight vectors (spec §2.9). Two-sided turnover of a
// rebalance is Σ_i |w_t,i − w_t−1,i|, one-sided is half of it (the buys, or the sells); the first
// vector is the starting book and trades nothing. Mergeable: a chunk keeps its first and last
// vectors, and appending chunk B after A adds the trade |first_B − last_A| between them.
// Memory: two books plus one double per rebalance (the series two_sided() returns, kept so that a
// merged accumulator reports the same series and the same mean, bit for bit, as one pass).
//
// Turnover here is in units of the book (weights), not pyfolio's traded value over average gross
// book value: with weights that sum to 1 the two agree up to that denominator.
#ifndef EMBARGO_METRICS_TURNOVER_HPP
#define EMBARGO_METRICS_TURNOVER_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/metrics/metric_set.hpp>

namespace embargo {

class turnover_accumulator {
 public:
  /// rebalances_per_year annualises the mean one-sided turnover (252 for daily rebalancing).
  explicit turnover_accumulator(double rebalances_per_year = 252) : per_year_(rebalances_per_year) {
    embargo::detail::require(rebalances_per_year > 0 && std::isfinite(rebalances_per_year),
                             "turnover: rebalances_per_year must be a positive number");
  }

  /// The book after one rebalance (same assets, same order every time).
  void push(std::span<const double> weights) {
    embargo::detail::require(!weights.empty(), "turnover: a book needs at least one weight (push zeros for a flat book)");
    for (double w : weights)
      embargo::detail::require(std::isfinite(w), "turnover: weight " + std::to_string(w) + " is not finite");
    if (books_ == 0) {
      first_.assign(weights.begin(), weights.end());
    } else {
      embargo::detail::require(weights.size() == last_.size(), "turnover: a book of " + std::to_string(weights.size()) +
                                                                    " weights after one of " + std::to_string(last_.size()));
      per_rebalance_.push_back(distance(last_, weights));
    }
    last_.assign(weights.begin(), weights.end());
    ++books_;
  }

  void merge(const turnover_accumulator& later) {
    embargo::detail::require(per_year_ == later.per_year_, "turnover: merging accumulators with different rebalances_per_year");
    if (later.books_ == 0) return;
    if (books_ == 0) {
      *this = later;
      return;
    }
    embargo::detail::require(later.first_.size() == last_.size(), "turnover: merging books of different sizes");
    per_rebalance_.push_back(distance(last_, later.first_));
    per_rebalance_.insert(per_rebalance_.end(), later.per_rebalance_.begin(), later.per_rebalance_.end());
    last_ = later.last_;
    books_ += later.books_;
  }

  /// Two-sided turnover of each rebalance, in order.
  const std::vector<double>& two_sided() const noexcept { return per_rebalance_; }
  double rebalances() const noexcept { return static_cast<double>(per_rebalance_.size()); }
  double mean_two_sided() const noexcept {
    if (per_rebalance_.empty()) return std::numeric_limits<double>::quiet_NaN();
    double s = 0;
    for (double x : per_rebalance_) s += x;
    return s / rebalances();
  }
  double mean_one_sided() const noexcept { return mean_two_sided() / 2; }
  double annualized_one_sided() const noexcept { return mean_one_sided() * per_year_; }

  std::array<metric_value, 4> results() const {
    return {{{"rebalances", rebalances()},
             {"mean_two_sided_turnover", mean_two_sided()},
             {"mean_one_sided_turnover", mean_one_sided()},
             {"annual_one_sided_turnover", annualized_one_sided()}}};
  }

 private:
  static double distance(const std::vector<double>& a, std::span<const double> b) noexcept {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += std::abs(b[i] - a[i]);
    return s;
  }

  double per_year_;
  std::vector<double> first_, last_, per_rebalance_;
  std::size_t books_ = 0;
};

}  // namespace embargo

#endif
