// gates.hpp alone: the seed's four-criterion gate (APPROVED / REVIEW / DROP) on three models,
// one with a validation history that peaked early (the overfitting detector's checkpoint).
#include <embargo/gates.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "common.hpp"

using single_test::put;
using single_test::require;

int main() {
  const embargo::seed_gate gate;
  const std::vector<embargo::metrics_record> models = {
      {{"fitness", 0.75}, {"profit_factor", 1.9}, {"consistency", 0.88}, {"max_drawdown", 0.06}},
      {{"fitness", 0.65}, {"profit_factor", 1.9}, {"consistency", 0.88}, {"max_drawdown", 0.06}},
      {{"fitness", 0.75}, {"profit_factor", 1.2}, {"consistency", 0.88}, {"max_drawdown", 0.20}},
  };
  const std::vector<double> history = {0.50, 0.62, 0.71, 0.69, 0.60, 0.52, 0.47};
  const char* expected[] = {"APPROVED", "REVIEW", "DROP"};
  for (std::size_t i = 0; i < models.size(); ++i) {
    const auto a = gate.assess(models[i], i == 0 ? std::span<const double>(history) : std::span<const double>{});
    const auto tier = std::string(embargo::to_string(a.classification));
    require(tier == expected[i], "the seed gate's tier");
    std::printf("model %zu %s flags", i, tier.c_str());
    for (const auto& f : a.flags) std::printf(" %s", f.c_str());
    std::printf("\n");
    if (i == 0) {
      put("checkpoint best index", a.checkpoint.best_idx);
      put("use checkpoint", static_cast<std::size_t>(a.checkpoint.use_checkpoint));
    }
  }
}
