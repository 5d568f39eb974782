// embargo: per-regime validation over any splitter's folds (regime-aware-training seed).
// Test sets are restricted to one regime after purging against the whole test block, so the
// training sets stay leak-free; the membership report shows which regimes each fold validates.
#ifndef EMBARGO_SPLITTERS_REGIME_SPLIT_HPP
#define EMBARGO_SPLITTERS_REGIME_SPLIT_HPP

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/fold.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/core/regime.hpp>
#include <embargo/splitters/time_series_split.hpp>

namespace embargo {

/// How many training and test observations of each regime a fold has (index by embargo::index(r)).
struct regime_membership {
  std::array<std::size_t, regime_count> train{};
  std::array<std::size_t, regime_count> test{};
  friend bool operator==(const regime_membership&, const regime_membership&) = default;
};

namespace detail {
inline void check_regime_indices(std::span<const fold> folds, std::size_t n_regimes, const char* who) {
  for (std::size_t k = 0; k < folds.size(); ++k)
    for (const auto* v : {&folds[k].train, &folds[k].test})
      if (!v->empty() && v->back() >= n_regimes)  // fold indices are ascending
        throw invalid_argument(std::string(who) + ": fold " + std::to_string(k) + " uses observation " +
                               std::to_string(v->back()) + " but only " + std::to_string(n_regimes) +
                               " regime labels were given (expected one per observation)");
}
}  // namespace detail

/// Per fold, the number of train and test observations in each regime.
inline std::vector<regime_membership> regime_fold_membership(std::span<const fold> folds, std::span<const regime> regimes) {
  detail::check_regime_indices(folds, regimes.size(), "regime_fold_membership");
  std::vector<regime_membership> out(folds.size());
  for (std::size_t k = 0; k < folds.size(); ++k) {
    for (auto i : folds[k].train) ++out[k].train[index(regimes[i])];
    for (auto i : folds[k].test) ++out[k].test[index(regimes[i])];
  }
  return out;
}

/// The folds with their test sets restricted to observations of regime r; training sets are
/// unchanged (they were purged against the full test block, a superset). Folds left without a
/// test observation of r are dropped.
inline std::vector<fold> restrict_test_to_regime(std::span<const fold> folds, std::span<const regime> regimes, regime r) {
  detail::check_regime_indices(folds, regimes.size(), "restrict_test_to_regime");
  std::vector<fold> out;
  for (const auto& f : folds) {
    fold g;
    for (auto i : f.test)
      if (regimes[i] == r) g.test.push_back(i);
    if (g.test.empty()) continue;
    g.train = f.train;
    out.push_back(std::move(g));
  }
  return out;
}

/// One validation set per regime (the seed's "5 stratified validation sets"):
/// result[index(r)] = restrict_test_to_regime(folds, regimes, r).
inline std::array<std::vector<fold>, regime_count> regime_validation_sets(std::span<const fold> folds,
                                                                          std::span<const regime> regimes) {
  std::array<std::vector<fold>, regime_count> out;
  for (auto r : all_regimes) out[index(r)] = restrict_test_to_regime(folds, regimes, r);
  return out;
}

/// A splitter whose folds test only regime `target`: Base's folds through restrict_test_to_regime.
/// `regimes` holds one label per event (copied).
template <class Base>
class regime_filtered {
 public:
  regime_filtered(Base base, std::vector<regime> regimes, regime target)
      : base_(std::move(base)), regimes_(std::move(regimes)), target_(target) {}

  template <interval_range Events>
  std::vector<fold> split(const Events& events) const {
    detail::require(std::ranges::size(events) == regimes_.size(),
                    "regime_filtered: " + std::to_string(regimes_.size()) + " regime labels for " +
                        std::to_string(std::ranges::size(events)) + " events (expected one per event)");
    return restrict_test_to_regime(base_.split(events), regimes_, target_);
  }

 private:
  Base base_;
  std::vector<regime> regimes_;
  regime target_;
};
static_assert(splitter<regime_filtered<time_series_split>>);

}  // namespace embargo

#endif
