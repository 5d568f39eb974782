// embargo: probability of backtest overfitting by combinatorially symmetric cross-validation
// (Bailey, Borwein, López de Prado & Zhu 2017, "The Probability of Backtest Overfitting",
// J. Computational Finance 20(4)). Rank convention of the paper and pypbo by default.
#ifndef EMBARGO_STATS_PBO_HPP
#define EMBARGO_STATS_PBO_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include <embargo/core/error.hpp>

namespace embargo {

/// Relative out-of-sample rank ω̄ = rank / denominator.
enum class pbo_rank_denominator {
  n_plus_one,  ///< rank / (N + 1): the paper and pypbo; ω̄ < 1 always, finite logits
  n,           ///< rank / N: mrbcuda/pbo (R); the OOS-best gives ω̄ = 1 and logit +inf
};

/// Per-column performance statistic evaluated on the concatenated rows of the chosen blocks.
enum class pbo_statistic {
  sharpe,  ///< mean / sd (ddof 1), the paper's choice; needs >= 2 rows per half
  mean,    ///< arithmetic mean
};

struct pbo_options {
  std::size_t partitions = 16;  ///< S: even, >= 2, <= 24 (C(24,12) = 2.7e6 combinations)
  pbo_statistic statistic = pbo_statistic::sharpe;
  pbo_rank_denominator rank_denominator = pbo_rank_denominator::n_plus_one;
  double loss_threshold = 0.0;  ///< prob_oos_loss = share of combinations with R̄[n*] < this
};

struct pbo_result {
  double pbo = std::numeric_limits<double>::quiet_NaN();  ///< share of combinations with logit <= 0
  std::size_t combinations = 0;                           ///< C(S, S/2)
  std::size_t rows_used = 0;                              ///< (T / S)·S
  std::size_t rows_dropped = 0;                           ///< T mod S leading rows (pypbo's rule)
  std::size_t block_size = 0;
  /// Per combination, in lexicographic order of the in-sample block set (itertools.combinations,
  /// R's combn):
  std::vector<std::vector<std::size_t>> train_blocks;
  std::vector<std::size_t> n_star;   ///< best in-sample column (first on ties), 0-based
  std::vector<double> oos_rank;      ///< its out-of-sample rank, 1 = worst, ties averaged
  std::vector<double> logits;        ///< ln(ω̄ / (1 − ω̄))
  std::vector<double> is_performance;   ///< R[n*]
  std::vector<double> oos_performance;  ///< R̄[n*]
  double prob_oos_loss = std::numeric_limits<double>::quiet_NaN();
  double degradation_slope = std::numeric_limits<double>::quiet_NaN();      ///< OLS of R̄[n*] on R[n*]
  double degradation_intercept = std::numeric_limits<double>::quiet_NaN();
};

namespace detail {
// Per-(block, column) state (count, mean, M2) merged with Chan et al. (1979): a combination
// costs O(S·N) merges instead of O(T·N) passes over the rows (spec §3.5).
struct pbo_cell {
  double n = 0.0, mean = 0.0, m2 = 0.0;
  void merge(const pbo_cell& b) noexcept {
    if (b.n == 0.0) return;
    const double nn = n + b.n, d = b.mean - mean;
    mean += d * b.n / nn;
    m2 += b.m2 + d * d * n * b.n / nn;
    n = nn;
  }
  double value(pbo_statistic s) const noexcept {
    if (s == pbo_statistic::mean) return mean;
    const double sd = std::sqrt(m2 / (n - 1.0));
    // No spread in a half: ±inf by the sign of the mean (0 when flat) keeps ranks total; NaN would not.
    return sd > 0.0 ? mean / sd : (mean > 0.0 ? std::numeric_limits<double>::infinity()
                                               : (mean < 0.0 ? -std::numeric_limits<double>::infinity() : 0.0));
  }
};

inline std::size_t binomial(std::size_t n, std::size_t k) noexcept {
  std::size_t r = 1;
  for (std::size_t i = 1; i <= k; ++i) r = r * (n - k + i) / i;  // exact: r·(n−k+i) is divisible by i
  return r;
}
}  // namespace detail

/// PBO via CSCV. `m` is T×N: rows are time, columns are the N configurations tried, entries their
/// per-period returns. Steps (spec §3.5): drop the first T mod S rows; split the rest into S
/// contiguous blocks; for each of the C(S, S/2) in-sample block sets J (lexicographic), compute
/// the statistic per column on J (R) and on the complement (R̄); n* = first argmax of R;
/// ω̄ = rank of R̄[n*] among R̄ (1 = worst, ties averaged) / (N + 1) (or / N);
/// λ = ln(ω̄ / (1 − ω̄)); PBO = share of combinations with λ <= 0 (a median OOS rank counts as
/// overfit, as in pypbo and mrbcuda/pbo).
/// Throws invalid_argument for N < 2, an odd S or S < 2 or S > 24, T < S (or fewer than 2 rows
/// per half for the Sharpe statistic); data_error for a non-finite entry (row, column named).
inline pbo_result probability_of_backtest_overfitting(const Eigen::Ref<const Eigen::MatrixXd>& m,
                                                      const pbo_options& opt = {}) {
  const std::size_t t = static_cast<std::size_t>(m.rows()), n = static_cast<std::size_t>(m.cols());
  const std::size_t s = opt.partitions;
  detail::require(n >= 2, "pbo: need at least 2 configurations (columns), got " + std::to_string(n));
  detail::require(s >= 2 && s % 2 == 0 && s <= 24, "pbo: partitions S must be even and in [2, 24], got " + std::to_string(s));
  detail::require(t >= s, "pbo: " + std::to_string(t) + " rows cannot make " + std::to_string(s) + " blocks");
  for (std::size_t c = 0; c < n; ++c)
    for (std::size_t i = 0; i < t; ++i)
      if (!std::isfinite(m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c))))
        throw data_error("pbo: non-finite value at row " + std::to_string(i + 1) + ", column " + std::to_string(c + 1));
  pbo_result r;
  r.block_size = t / s;
  r.rows_dropped = t % s;
  r.rows_used = r.block_size * s;
  detail::require(opt.statistic != pbo_statistic::sharpe || r.block_size * (s / 2) >= 2,
                  "pbo: the Sharpe statistic needs at least 2 rows per half");

  std::vector<detail::pbo_cell> cells(s * n);  // block-major
  for (std::size_t b = 0; b < s; ++b)
    for (std::size_t c = 0; c < n; ++c) {
      auto& cell = cells[b * n + c];
      for (std::size_t i = 0; i < r.block_size; ++i) {
        const double x = m(static_cast<Eigen::Index>(r.rows_dropped + b * r.block_size + i), static_cast<Eigen::Index>(c));
        cell.merge({1.0, x, 0.0});
      }
    }

  const std::size_t half = s / 2;
  r.combinations = detail::binomial(s, half);
  r.train_blocks.reserve(r.combinations);
  r.n_star.reserve(r.combinations);
  r.oos_rank.reserve(r.combinations);
  r.logits.reserve(r.combinations);
  std::vector<std::size_t> comb(half);
  for (std::size_t i = 0; i < half; ++i) comb[i] = i;
  std::vector<char> in(s);
  std::vector<double> is(n), oos(n);
  const double denom = opt.rank_denominator == pbo_rank_denominator::n_plus_one ? static_cast<double>(n + 1)
                                                                                 : static_cast<double>(n);
  std::size_t overfit = 0, losses = 0;
  for (;;) {
    std::fill(in.begin(), in.end(), 0);
    for (auto b : comb) in[b] = 1;
    for (std::size_t c = 0; c < n; ++c) {
      detail::pbo_cell a, o;
      for (std::size_t b = 0; b < s; ++b) (in[b] ? a : o).merge(cells[b * n + c]);
      is[c] = a.value(opt.statistic);
      oos[c] = o.value(opt.statistic);
    }
    const std::size_t best = static_cast<std::size_t>(std::max_element(is.begin(), is.end()) - is.begin());
    double below = 0.0, equal = 0.0;
    for (double v : oos) {
      below += v < oos[best] ? 1.0 : 0.0;
      equal += v == oos[best] ? 1.0 : 0.0;
    }
    const double rank = below + (equal + 1.0) / 2.0;  // average rank of the tied group
    const double w = rank / denom;
    const double logit = w >= 1.0 ? std::numeric_limits<double>::infinity() : std::log(w / (1.0 - w));
    overfit += logit <= 0.0 ? 1 : 0;
    losses += oos[best] < opt.loss_threshold ? 1 : 0;
    r.train_blocks.push_back(comb);
    r.n_star.push_back(best);
    r.oos_rank.push_back(rank);
    r.logits.push_back(logit);
    r.is_performance.push_back(is[best]);
    r.oos_performance.push_back(oos[best]);
    // next combination in lexicographic order
    std::size_t i = half;
    while (i > 0 && comb[i - 1] == s - half + (i - 1)) --i;
    if (i == 0) break;
    ++comb[i - 1];
    for (std::size_t j = i; j < half; ++j) comb[j] = comb[j - 1] + 1;
  }
  const double k = static_cast<double>(r.combinations);
  r.pbo = static_cast<double>(overfit) / k;
  r.prob_oos_loss = static_cast<double>(losses) / k;
  // Performance degradation: a slope well below 1 (or negative) means IS skill does not carry over.
  double mx = 0.0, my = 0.0, kk = 0.0;
  for (std::size_t c = 0; c < r.combinations; ++c) {
    if (!std::isfinite(r.is_performance[c]) || !std::isfinite(r.oos_performance[c])) continue;
    mx += r.is_performance[c];
    my += r.oos_performance[c];
    kk += 1.0;
  }
  if (kk >= 2.0) {
    mx /= kk;
    my /= kk;
    double sxx = 0.0, sxy = 0.0;
    for (std::size_t c = 0; c < r.combinations; ++c) {
      if (!std::isfinite(r.is_performance[c]) || !std::isfinite(r.oos_performance[c])) continue;
      sxx += (r.is_performance[c] - mx) * (r.is_performance[c] - mx);
      sxy += (r.is_performance[c] - mx) * (r.oos_performance[c] - my);
    }
    if (sxx > 0.0) {
      r.degradation_slope = sxy / sxx;
      r.degradation_intercept = my - r.degradation_slope * mx;
    }
  }
  return r;
}

}  // namespace embargo

#endif
