// Shared by the lifecycle tests: a small simulated market, a research run on it with gates loose
// enough that some symbols are APPROVED, and a scratch archive folder removed at the end.
#ifndef EMBARGO_TESTS_LIFECYCLE_SUPPORT_HPP
#define EMBARGO_TESTS_LIFECYCLE_SUPPORT_HPP

#include <filesystem>
#include <string>

#include <unistd.h>

#include <embargo/data/simulator.hpp>
#include <embargo/research.hpp>

namespace lifecycle_test {

inline const embargo::panel& market() {
  static const embargo::panel p = embargo::simulate_market({.n_symbols = 4, .n_bars = 1500, .seed = 11}).bars;
  return p;
}

/// Every standard kind that can be exported, gates that approve any model with a positive edge.
inline embargo::research::research_options loose_options() {
  embargo::research::research_options o;
  o.threads = 1;
  o.models.use = {"logit", "ridge", "stack_ridge_meta", "accuracy_weighted"};
  o.gate.fitness = {0.0, 0.0};
  o.gate.profit_factor = {0.0, 0.0};
  o.gate.consistency = {0.0, 0.0};
  o.gate.max_drawdown = {1.0, 1.0};
  o.gate.min_trades = 1;
  o.gate.min_test_windows = 1;
  return o;
}

struct scratch_dir {
  std::filesystem::path path;
  explicit scratch_dir(const std::string& name)
      : path(std::filesystem::temp_directory_path() / ("embargo-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~scratch_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace lifecycle_test

#endif
