// embargo: classification metrics of a model's out-of-sample probabilities (spec §2.13): weighted
// confusion counts, accuracy, precision, recall, F1, log-loss and ROC AUC.
//
// Sample weights (the uniqueness × decay weights of the labeling stage) multiply every term and n
// becomes Σw, so a weight of 2 is the sample pushed twice. Confusion counts and the log-loss sum
// merge by addition. ROC AUC is a rank statistic and needs the scores themselves: this
// accumulator keeps (p, y, w) for every sample, O(n) memory, and merge concatenates them.
#ifndef EMBARGO_METRICS_CLASSIFICATION_HPP
#define EMBARGO_METRICS_CLASSIFICATION_HPP

#include <algorithm>
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

struct classification_options {
  double threshold = 0.5;        ///< p >= threshold predicts the positive class (label 1)
  double zero_division = 0.0;    ///< precision / recall / F1 when their denominator is 0: 0 as scikit-learn, 1 or NaN
  double log_loss_eps = 1e-15;   ///< probabilities are clipped to [eps, 1 − eps] before the log

  /// Field by field, NaN equal to NaN: zero_division = NaN is a legitimate choice, and two
  /// accumulators built with it must still merge.
  friend bool operator==(const classification_options& a, const classification_options& b) noexcept {
    const auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
    return same(a.threshold, b.threshold) && same(a.zero_division, b.zero_division) && same(a.log_loss_eps, b.log_loss_eps);
  }

  /// Throws invalid_argument naming the bad field.
  void validate() const {
    embargo::detail::require(threshold > 0 && threshold < 1, "classification: threshold must be in (0, 1)");
    embargo::detail::require(std::isnan(zero_division) || (zero_division >= 0 && zero_division <= 1),
                             "classification: zero_division must be in [0, 1] or NaN");
    // eps = 0 would turn one confident miss into an infinite loss.
    embargo::detail::require(log_loss_eps > 0 && log_loss_eps < 0.5, "classification: log_loss_eps must be in (0, 0.5)");
  }
};

class classification_accumulator {
 public:
  explicit classification_accumulator(const classification_options& o = {}) : o_(o) { o_.validate(); }

  /// One sample: true label y (0 or 1), predicted probability p of label 1, weight w >= 0.
  void push(double y, double p, double w = 1.0) {
    check(y, p, w);
    add(y, p, w);
  }

  /// Batches: spans of equal length, one sample per index. A batch with a bad value throws
  /// before it changes anything.
  void push(std::span<const double> y, std::span<const double> p) {
    require_same_length(y.size(), p.size());
    push_batch(y, p, {});
  }
  void push(std::span<const double> y, std::span<const double> p, std::span<const double> w) {
    require_same_length(y.size(), p.size(), w.size());
    push_batch(y, p, w);
  }

  /// Appends `later`. Counts and the loss add; the scores concatenate (O(n) memory for the AUC).
  void merge(const classification_accumulator& later) {
    embargo::detail::require(o_ == later.o_, "classification: merging accumulators with different options");
    tp_ += later.tp_, fp_ += later.fp_, fn_ += later.fn_, tn_ += later.tn_;
    loss_ += later.loss_, weight_ += later.weight_;
    scores_.insert(scores_.end(), later.scores_.begin(), later.scores_.end());
  }

  double true_positives() const noexcept { return tp_; }
  double false_positives() const noexcept { return fp_; }
  double false_negatives() const noexcept { return fn_; }
  double true_negatives() const noexcept { return tn_; }
  double weight() const noexcept { return weight_; }

  double accuracy() const noexcept { return weight_ > 0 ? (tp_ + tn_) / weight_ : nan(); }
  double precision() const noexcept { return tp_ + fp_ > 0 ? tp_ / (tp_ + fp_) : o_.zero_division; }
  double recall() const noexcept { return tp_ + fn_ > 0 ? tp_ / (tp_ + fn_) : o_.zero_division; }
  double f1() const noexcept {
    const double d = 2 * tp_ + fp_ + fn_;  // 2PR/(P+R) written without the 0/0 of P and R
    return d > 0 ? 2 * tp_ / d : o_.zero_division;
  }
  double log_loss() const noexcept { return weight_ > 0 ? loss_ / weight_ : nan(); }

  /// Weighted Mann–Whitney: the probability that a random positive scores above a random
  /// negative, ties counting one half (what the trapezoid under the ROC curve measures, and what
  /// scikit-learn's roc_auc_score returns). NaN unless both classes have weight. One sort of a copy
  /// of the scores, then one sweep over groups of equal score: O(n log n).
  double roc_auc() const {
    std::vector<scored> s = scores_;
    std::sort(s.begin(), s.end(), [](const scored& a, const scored& b) { return a.p < b.p; });
    double below_negative = 0, pairs = 0, pos = 0, neg = 0;
    for (std::size_t i = 0; i < s.size();) {
      double group_pos = 0, group_neg = 0;
      std::size_t j = i;
      for (; j < s.size() && s[j].p == s[i].p; ++j) (s[j].positive ? group_pos : group_neg) += s[j].w;
      pairs += group_pos * (below_negative + 0.5 * group_neg);
      below_negative += group_neg;
      pos += group_pos, neg += group_neg;
      i = j;
    }
    return pos > 0 && neg > 0 ? pairs / (pos * neg) : nan();
  }

  std::array<metric_value, 10> results() const {
    return {{{"tp", tp_}, {"fp", fp_}, {"fn", fn_}, {"tn", tn_}, {"accuracy", accuracy()}, {"precision", precision()},
             {"recall", recall()}, {"f1", f1()}, {"log_loss", log_loss()}, {"roc_auc", roc_auc()}}};
  }

 private:
  struct scored {
    double p;
    bool positive;
    double w;
  };
  static double nan() noexcept { return std::numeric_limits<double>::quiet_NaN(); }

  static void check(double y, double p, double w) {
    embargo::detail::require(y == 0.0 || y == 1.0, "classification: label " + std::to_string(y) + " is not 0 or 1");
    embargo::detail::require(p >= 0.0 && p <= 1.0, "classification: probability " + std::to_string(p) + " is not in [0, 1]");
    embargo::detail::require(std::isfinite(w) && w >= 0.0, "classification: weight " + std::to_string(w) + " is not a finite number >= 0");
  }

  static void require_same_length(std::size_t labels, std::size_t probabilities) {
    embargo::detail::require(labels == probabilities, "classification: " + std::to_string(labels) + " labels but " +
                                                          std::to_string(probabilities) + " probabilities");
  }
  static void require_same_length(std::size_t labels, std::size_t probabilities, std::size_t weights) {
    require_same_length(labels, probabilities);
    embargo::detail::require(labels == weights, "classification: " + std::to_string(labels) + " labels but " +
                                                    std::to_string(weights) + " weights");
  }

  /// Checks the whole batch, then adds it. Empty w: weight 1.
  void push_batch(std::span<const double> y, std::span<const double> p, std::span<const double> w) {
    for (std::size_t i = 0; i < y.size(); ++i) check(y[i], p[i], w.empty() ? 1.0 : w[i]);
    for (std::size_t i = 0; i < y.size(); ++i) add(y[i], p[i], w.empty() ? 1.0 : w[i]);
  }

  void add(double y, double p, double w) {
    const bool predicted = p >= o_.threshold, actual = y == 1.0;
    (predicted ? (actual ? tp_ : fp_) : (actual ? fn_ : tn_)) += w;
    const double q = std::clamp(p, o_.log_loss_eps, 1.0 - o_.log_loss_eps);
    loss_ += -w * (actual ? std::log(q) : std::log1p(-q));
    weight_ += w;
    scores_.push_back({p, actual, w});
  }

  classification_options o_;
  double tp_ = 0, fp_ = 0, fn_ = 0, tn_ = 0, loss_ = 0, weight_ = 0;
  std::vector<scored> scores_;
};

}  // namespace embargo

#endif
