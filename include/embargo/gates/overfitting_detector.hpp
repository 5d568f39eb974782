// embargo: overfitting and unstable-training detection over a validation history.
// A final value well below the peak means the training went past its best point: recommend the
// checkpoint saved at the first peak. Large falls between validation points mean instability.
#ifndef EMBARGO_GATES_OVERFITTING_DETECTOR_HPP
#define EMBARGO_GATES_OVERFITTING_DETECTOR_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>

#include <embargo/core/error.hpp>

namespace embargo {

/// Thresholds of the detector (seed v2.4.1 defaults).
struct overfitting_options {
  double decline_threshold = 0.05;      ///< use the checkpoint when decline > this fraction
  double oscillation_threshold = 0.10;  ///< UNSTABLE_TRAINING when oscillation > this fraction
  std::uint64_t validation_interval = 0;  ///< training updates between validation points; 0 = unknown
};

/// What the detector found. `best_idx` is the first index of the maximum.
struct overfitting_report {
  bool use_checkpoint = false;
  bool unstable = false;
  std::size_t best_idx = 0;
  double peak = std::numeric_limits<double>::quiet_NaN();
  double final_value = std::numeric_limits<double>::quiet_NaN();
  double decline = 0.0;      ///< (peak − final) / |peak|; peak − final when peak is 0
  double oscillation = 0.0;  ///< largest one-step fall, max_i (v[i−1] − v[i]) / |v[i−1]|
  /// (best_idx + 1) × validation_interval when use_checkpoint and the interval is known.
  std::optional<std::uint64_t> checkpoint_update;
};

/// Reads a validation history (higher is better, e.g. fitness per validation point).
///
/// decline = (peak − final) / |peak| (the absolute fall when the peak is exactly 0);
/// use_checkpoint = decline > decline_threshold (strictly). The seed's example 0.70, 0.75, 0.78,
/// 0.75 declines 3.85 % and gives no checkpoint.
/// oscillation = the largest fall between two consecutive points relative to the earlier one
/// (|v[i−1]|, or the absolute fall when v[i−1] is 0); rises do not count, so a fast-learning
/// curve is not "unstable"; unstable = oscillation > oscillation_threshold (strictly).
class overfitting_detector {
 public:
  /// Throws invalid_argument unless both thresholds are finite and ≥ 0.
  explicit overfitting_detector(overfitting_options opt = {}) : opt_(opt) {
    detail::require(std::isfinite(opt.decline_threshold) && opt.decline_threshold >= 0.0,
                    "overfitting_detector: decline_threshold must be finite and >= 0, got " +
                        std::to_string(opt.decline_threshold));
    detail::require(std::isfinite(opt.oscillation_threshold) && opt.oscillation_threshold >= 0.0,
                    "overfitting_detector: oscillation_threshold must be finite and >= 0, got " +
                        std::to_string(opt.oscillation_threshold));
  }

  const overfitting_options& options() const noexcept { return opt_; }

  /// Precondition: every value finite (throws invalid_argument naming the index otherwise).
  /// An empty history gives an empty report (nothing to detect).
  overfitting_report detect(std::span<const double> history) const {
    overfitting_report r;
    for (std::size_t i = 0; i < history.size(); ++i)
      detail::require(std::isfinite(history[i]), "overfitting_detector: history[" + std::to_string(i) +
                                                      "] is not a finite number; expected finite values");
    if (history.empty()) return r;
    for (std::size_t i = 1; i < history.size(); ++i)
      if (history[i] > history[r.best_idx]) r.best_idx = i;
    r.peak = history[r.best_idx];
    r.final_value = history.back();
    r.decline = relative_fall(r.peak, r.final_value);
    for (std::size_t i = 1; i < history.size(); ++i)
      if (history[i] < history[i - 1]) {
        const double f = relative_fall(history[i - 1], history[i]);
        if (f > r.oscillation) r.oscillation = f;
      }
    r.use_checkpoint = r.decline > opt_.decline_threshold;
    r.unstable = r.oscillation > opt_.oscillation_threshold;
    if (r.use_checkpoint && opt_.validation_interval > 0) {
      const std::uint64_t k = static_cast<std::uint64_t>(r.best_idx) + 1;
      detail::require(opt_.validation_interval <= std::numeric_limits<std::uint64_t>::max() / k,
                      "overfitting_detector: checkpoint update (best_idx + 1) x validation_interval overflows");
      r.checkpoint_update = k * opt_.validation_interval;
    }
    return r;
  }

 private:
  static double relative_fall(double from, double to) noexcept {
    return from == 0.0 ? from - to : (from - to) / std::fabs(from);
  }
  overfitting_options opt_;
};

}  // namespace embargo

#endif
