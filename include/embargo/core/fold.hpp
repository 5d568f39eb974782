// embargo: one train/test split.
#ifndef EMBARGO_CORE_FOLD_HPP
#define EMBARGO_CORE_FOLD_HPP

#include <embargo/core/index_set.hpp>

namespace embargo {

/// One split: the observations (indices into the splitter's input) to train on and to test on,
/// each an ascending index_set held as runs of consecutive indices, so a fold costs O(runs), not
/// O(n). Iterate them (`for (std::size_t i : f.train)`), walk `f.train.runs()`, or call
/// `to_indices()` for a vector. Splitters return std::vector<fold>.
struct fold {
  index_set train;
  index_set test;
  friend bool operator==(const fold&, const fold&) = default;
};

}  // namespace embargo

#endif
