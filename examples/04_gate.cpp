// Example 04: decide which models may trade. The tiered gate reads out-of-sample metrics by name
// and says APPROVED, REVIEW or DROP with the flags that explain why; a missing or NaN metric is
// never a pass. The validation history behind each model lets the overfitting detector advise
// the checkpoint at the peak. A challenger replaces the champion only on a significant
// Sharpe-difference test over the same shadow days, since a higher Sharpe alone may be luck.
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include <embargo/core/random.hpp>
#include <embargo/gates.hpp>
#include <embargo/stats.hpp>

struct candidate {
  std::string name;
  embargo::metrics_record metrics;
  std::vector<double> history;  // validation fitness after each training stage
};

int main() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<candidate> candidates = {
      {"trend_v3", {{"fitness", 0.82}, {"profit_factor", 2.1}, {"consistency", 0.90}, {"max_drawdown", 0.05}},
       {0.61, 0.70, 0.78, 0.82}},
      {"meanrev_v1", {{"fitness", 0.64}, {"profit_factor", 1.5}, {"consistency", 0.88}, {"max_drawdown", 0.07}},
       {0.55, 0.72, 0.75, 0.64}},  // peaked at stage 2, then kept training into noise
      {"carry_v2", {{"fitness", 0.71}, {"profit_factor", 1.9}, {"consistency", 0.86}, {"max_drawdown", 0.19}}, {}},
      {"news_v0", {{"fitness", 0.75}, {"profit_factor", nan}, {"consistency", 0.90}, {"max_drawdown", 0.02}}, {}},
  };

  // The seed's four criteria with their default thresholds (docs/gates.md); 500 training updates
  // between validation points turns the best index into an update number to restore.
  const embargo::seed_gate gate({}, {.validation_interval = 500});
  for (const auto& c : candidates) {
    const auto a = gate.assess(c.metrics, c.history);
    std::printf("%-10s %-8s", c.name.c_str(), std::string(embargo::to_string(a.classification)).c_str());
    for (const auto& f : a.flags) std::printf(" %s", f.c_str());
    if (a.checkpoint.use_checkpoint)
      std::printf(" (restore update %llu: fitness fell %.1f %% from its peak)",
                  static_cast<unsigned long long>(*a.checkpoint.checkpoint_update), 100 * a.checkpoint.decline);
    std::printf("\n");
  }

  // A year of shadow trading: both models see the same market, so their daily returns are
  // correlated; the challenger adds 0.05 % a day of its own.
  embargo::splitmix64 rng(4);
  std::vector<double> champion, challenger;
  for (int day = 0; day < 252; ++day) {
    const double market = embargo::standard_normal(rng), own = embargo::standard_normal(rng);
    champion.push_back(0.0004 + 0.01 * market);
    challenger.push_back(0.0009 + 0.01 * (0.95 * market + std::sqrt(1 - 0.95 * 0.95) * own));
  }
  const embargo::champion_challenger cc({.alpha = 0.05, .min_shadow_observations = 63});
  for (const std::size_t days : {40u, 252u}) {
    const std::span<const double> a(champion.data(), days), b(challenger.data(), days);
    const auto d = cc.decide(a, b, embargo::sharpe_difference_test);
    std::printf("after %3zu shadow days: %s (%s)\n", days, d.promote ? "promote the challenger" : "keep the champion",
                d.reason.c_str());
  }
}
