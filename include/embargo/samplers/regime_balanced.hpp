// embargo: regime-balanced sampling with a rare-event archive (regime-aware-training seed,
// modules 1 and 3): draw a training sample whose regime mix follows target ratios, resampling
// only regimes that are short, and keep configured crash windows in every sample.
#ifndef EMBARGO_SAMPLERS_REGIME_BALANCED_HPP
#define EMBARGO_SAMPLERS_REGIME_BALANCED_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/core/regime.hpp>
#include <embargo/samplers/concepts.hpp>

namespace embargo {

struct regime_balance_options {
  /// Target share per regime, indexed by embargo::index(regime): low_vol, normal, high_vol,
  /// crash, recovery (the seed's 20/40/20/10/10). Must be >= 0 and sum to 1 (within 1e-9).
  std::array<double, regime_count> target = {0.2, 0.4, 0.2, 0.1, 0.1};
  /// Rare-event archive: bar windows (e.g. the 2008 and 2020 crashes). Every event overlapping a
  /// window is in every sample, added once if the balanced draw missed it.
  std::vector<interval> archive_windows{};
};

/// A balanced sample and what it achieved.
struct regime_sample {
  std::vector<std::size_t> indices;                      ///< sorted ascending, repeats allowed
  std::array<std::size_t, regime_count> available{};     ///< events per regime in the input
  std::array<std::size_t, regime_count> drawn{};         ///< sample members per regime
  std::array<double, regime_count> effective_target{};   ///< target renormalised over present regimes
  std::array<double, regime_count> achieved{};           ///< drawn / sample size
  std::array<bool, regime_count> with_replacement{};     ///< the regime was short and resampled
  std::size_t archive_events = 0;                        ///< events overlapping an archive window
  std::size_t archive_added = 0;                         ///< of those, added after the balanced draw
};

/// Regime-balanced sampler. For a sample of n (0 = as many as events):
/// 1. Regimes absent from the input cannot be represented; their target share is redistributed
///    proportionally over the present ones (what the seed's run reports: 40/10/10 becomes
///    66.7/16.7/16.7 when only normal, crash and recovery occur). Reported as effective_target.
/// 2. Counts n_k = n r_k by largest remainder (ties to the lower regime index).
/// 3. A regime with at least n_k events gives n_k distinct events (partial Fisher-Yates); a short
///    one gives all its events plus n_k - available draws with replacement.
/// 4. Archive events missing from the sample are added (the sample may exceed n by that many).
/// Draws use the caller's generator: the same seed gives the same sample everywhere.
class regime_balanced_sampler {
 public:
  explicit regime_balanced_sampler(std::span<const regime> regimes, regime_balance_options opt = {})
      : regimes_(regimes), opt_(std::move(opt)) {
    double sum = 0.0;
    for (std::size_t k = 0; k < regime_count; ++k) {
      const double r = opt_.target[k];
      if (!(std::isfinite(r) && r >= 0.0))
        throw invalid_argument("regime_balanced_sampler: target for " + std::string(to_string(all_regimes[k])) +
                               " = " + std::to_string(r) + " (expected a finite share >= 0)");
      sum += r;
    }
    if (std::fabs(sum - 1.0) > 1e-9)
      throw invalid_argument("regime_balanced_sampler: target ratios sum to " + std::to_string(sum) +
                             " (expected 1)");
    for (std::size_t w = 0; w < opt_.archive_windows.size(); ++w)
      if (opt_.archive_windows[w].t1 < opt_.archive_windows[w].t0)
        throw invalid_argument("regime_balanced_sampler: archive_windows[" + std::to_string(w) +
                               "] ends before it starts");
  }

  template <uniform_generator Rng>
  regime_sample run(std::span<const interval> events, std::size_t n, Rng& rng) const {
    validate_events(events, 0, /*require_sorted=*/false);
    if (regimes_.size() != events.size())
      throw invalid_argument("regime_balanced_sampler: " + std::to_string(regimes_.size()) + " regimes for " +
                             std::to_string(events.size()) + " events (expected one per event)");
    if (n == 0) n = events.size();
    regime_sample s;
    std::array<std::vector<std::size_t>, regime_count> members;
    for (std::size_t i = 0; i < regimes_.size(); ++i) {
      const std::size_t k = index(regimes_[i]);
      if (k >= regime_count) throw data_error("regime_balanced_sampler: regimes[" + std::to_string(i) + "] is not a regime");
      members[k].push_back(i);
    }
    double present = 0.0;
    for (std::size_t k = 0; k < regime_count; ++k) {
      s.available[k] = members[k].size();
      if (s.available[k] > 0) present += opt_.target[k];
    }
    if (!(present > 0.0))
      throw data_error("regime_balanced_sampler: no event belongs to a regime with a target share > 0");
    // Largest-remainder apportionment of n over the present regimes.
    std::array<double, regime_count> frac{};
    std::size_t assigned = 0;
    for (std::size_t k = 0; k < regime_count; ++k) {
      s.effective_target[k] = s.available[k] > 0 ? opt_.target[k] / present : 0.0;
      const double exact = static_cast<double>(n) * s.effective_target[k];
      s.drawn[k] = static_cast<std::size_t>(std::floor(exact));
      frac[k] = exact - std::floor(exact);
      assigned += s.drawn[k];
    }
    std::array<std::size_t, regime_count> by_frac{0, 1, 2, 3, 4};
    std::ranges::stable_sort(by_frac, [&](std::size_t a, std::size_t b) { return frac[a] > frac[b]; });
    for (std::size_t r = 0; assigned < n && r < regime_count; ++r)
      if (s.effective_target[by_frac[r]] > 0.0) ++s.drawn[by_frac[r]], ++assigned;
    auto pick = [&rng](std::size_t bound) {
      const auto j = static_cast<std::size_t>(rng.uniform() * static_cast<double>(bound));
      return j < bound ? j : bound - 1;
    };
    for (std::size_t k = 0; k < regime_count; ++k) {
      auto& pool = members[k];
      const std::size_t want = s.drawn[k], have = pool.size();
      if (want == 0) continue;
      if (have >= want) {
        for (std::size_t j = 0; j < want; ++j) std::swap(pool[j], pool[j + pick(have - j)]);
        s.indices.insert(s.indices.end(), pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(want));
      } else {
        s.with_replacement[k] = true;
        s.indices.insert(s.indices.end(), pool.begin(), pool.end());
        for (std::size_t j = have; j < want; ++j) s.indices.push_back(pool[pick(have)]);
      }
    }
    // Rare-event archive: guarantee every event touching a window.
    if (!opt_.archive_windows.empty()) {
      std::vector<char> in_sample(events.size(), 0);
      for (std::size_t i : s.indices) in_sample[i] = 1;
      for (std::size_t i = 0; i < events.size(); ++i) {
        bool hit = false;
        for (const auto& w : opt_.archive_windows) hit = hit || overlaps(events[i], w);
        if (!hit) continue;
        ++s.archive_events;
        if (!in_sample[i]) {
          s.indices.push_back(i);
          ++s.archive_added;
          ++s.drawn[index(regimes_[i])];
        }
      }
    }
    std::ranges::sort(s.indices);
    for (std::size_t k = 0; k < regime_count; ++k)
      s.achieved[k] = static_cast<double>(s.drawn[k]) / static_cast<double>(s.indices.size());
    return s;
  }

  template <uniform_generator Rng>
  std::vector<std::size_t> sample(std::span<const interval> events, std::size_t n, Rng& rng) const {
    return run(events, n, rng).indices;
  }

 private:
  std::span<const regime> regimes_;
  regime_balance_options opt_;
};
static_assert(sampler<regime_balanced_sampler>);

}  // namespace embargo

#endif
