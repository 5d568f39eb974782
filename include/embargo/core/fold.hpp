// embargo: one train/test split.
#ifndef EMBARGO_CORE_FOLD_HPP
#define EMBARGO_CORE_FOLD_HPP

#include <cstddef>
#include <vector>

namespace embargo {

/// One split: indices (into the splitter's input) to train on and to test on, each sorted
/// ascending. Splitters return std::vector<fold>.
struct fold {
  std::vector<std::size_t> train;
  std::vector<std::size_t> test;
  friend bool operator==(const fold&, const fold&) = default;
};

}  // namespace embargo

#endif
