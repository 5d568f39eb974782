// embargo: a sorted set of indices held as maximal runs of consecutive indices.
// A purged training set is a few contiguous runs (the test blocks, the purge and the embargo cut
// them out of 0..n), so a fold costs O(runs) memory instead of O(n): CPCV's 45 splits over 1e7
// events hold 22 KB instead of 3.5 GB of std::size_t (docs/splitters.md, "Folds are runs").
// Iterating yields the indices lazily, in ascending order; `to_indices()` materialises them for a
// caller that needs a vector. range-v3 views over it are in core/index_set_views.hpp.
#ifndef EMBARGO_CORE_INDEX_SET_HPP
#define EMBARGO_CORE_INDEX_SET_HPP

#include <cstddef>
#include <iterator>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <embargo/core/error.hpp>

namespace embargo {

/// The indices begin, begin + 1, ..., end − 1 (half-open; never empty inside an index_set).
struct index_run {
  std::size_t begin = 0, end = 0;
  constexpr std::size_t size() const noexcept { return end - begin; }
  friend constexpr bool operator==(const index_run&, const index_run&) = default;
};

/// Ascending, distinct indices as maximal runs: adjacent runs are always merged, so two sets are
/// equal exactly when their runs are. Built by appending in ascending order (`push_back`,
/// `append`); appending an index not above the last one is an error (a bug in the caller).
class index_set {
 public:
  /// A forward iterator over the indices (a common range: `begin()`/`end()` have one type, so
  /// std:: algorithms and container constructors take it as is).
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using iterator_concept = std::forward_iterator_tag;
    using value_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using reference = std::size_t;
    using pointer = void;

    iterator() = default;
    std::size_t operator*() const noexcept { return v_; }
    iterator& operator++() noexcept {
      if (++v_ == run_->end && ++run_ != last_) v_ = run_->begin;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }
    // At the end every iterator holds (last, last, last[-1].end): comparing run and value is exact.
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.run_ == b.run_ && a.v_ == b.v_; }

   private:
    friend class index_set;
    iterator(const index_run* run, const index_run* last, std::size_t v) noexcept : run_(run), last_(last), v_(v) {}
    const index_run* run_ = nullptr;
    const index_run* last_ = nullptr;
    std::size_t v_ = 0;
  };
  using value_type = std::size_t;
  using const_iterator = iterator;

  index_set() = default;

  /// The set [begin, end) (empty when end <= begin).
  static index_set range(std::size_t begin, std::size_t end) {
    index_set s;
    s.append(begin, end);
    return s;
  }

  /// From strictly ascending indices; anything else is rejected, naming the position.
  static index_set from_indices(std::span<const std::size_t> indices) {
    index_set s;
    for (std::size_t k = 0; k < indices.size(); ++k) {
      if (k > 0 && indices[k] <= indices[k - 1])
        throw invalid_argument("index_set: indices must be strictly ascending; position " + std::to_string(k) + " holds " +
                               std::to_string(indices[k]) + " after " + std::to_string(indices[k - 1]));
      s.push_back(indices[k]);
    }
    return s;
  }

  /// Appends i, which must exceed every index already held.
  void push_back(std::size_t i) {
    if (!runs_.empty() && runs_.back().end == i) {
      ++runs_.back().end;
    } else {
      require_after(i);
      runs_.push_back({i, i + 1});
    }
    ++size_;
  }

  /// Appends [begin, end) (nothing when end <= begin); begin must exceed every index held.
  void append(std::size_t begin, std::size_t end) {
    if (end <= begin) return;
    if (!runs_.empty() && runs_.back().end == begin) {
      runs_.back().end = end;
    } else {
      require_after(begin);
      runs_.push_back({begin, end});
    }
    size_ += end - begin;
  }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  /// Smallest and largest index (the set must not be empty).
  std::size_t front() const { return nonempty("front").front().begin; }
  std::size_t back() const { return nonempty("back").back().end - 1; }
  /// The maximal runs, ascending.
  std::span<const index_run> runs() const noexcept { return runs_; }

  /// O(log runs).
  bool contains(std::size_t i) const noexcept {
    // The first run starting after i, by bisection (hand-written: <algorithm> would add ~9k
    // preprocessed lines to every splitter's include closure, tests/compile_budget).
    std::size_t lo = 0, hi = runs_.size();
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (runs_[mid].begin <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && i < runs_[lo - 1].end;
  }

  /// The indices as a vector (O(size) memory: for callers that need one).
  std::vector<std::size_t> to_indices() const {
    std::vector<std::size_t> out;
    out.reserve(size_);
    for (const auto& r : runs_)
      for (std::size_t i = r.begin; i < r.end; ++i) out.push_back(i);
    return out;
  }

  /// Bytes this set holds on the heap (its run storage).
  std::size_t heap_bytes() const noexcept { return runs_.capacity() * sizeof(index_run); }
  void shrink_to_fit() { runs_.shrink_to_fit(); }

  iterator begin() const noexcept {
    return runs_.empty() ? end() : iterator(runs_.data(), runs_.data() + runs_.size(), runs_.front().begin);
  }
  iterator end() const noexcept {
    const index_run* last = runs_.data() + runs_.size();
    return iterator(last, last, runs_.empty() ? 0 : runs_.back().end);
  }

  friend bool operator==(const index_set& a, const index_set& b) noexcept { return a.runs_ == b.runs_; }
  /// Equal to an ascending list of the same indices (tests and callers holding a vector).
  friend bool operator==(const index_set& a, std::span<const std::size_t> b) noexcept {
    if (a.size_ != b.size()) return false;
    std::size_t k = 0;
    for (std::size_t i : a)
      if (i != b[k++]) return false;
    return true;
  }

 private:
  void require_after(std::size_t i) const {
    if (!runs_.empty() && i < runs_.back().end)
      throw std::logic_error("index_set: appended " + std::to_string(i) + " after " + std::to_string(runs_.back().end - 1) +
                             " (indices must be appended in ascending order)");
  }
  const std::vector<index_run>& nonempty(const char* what) const {
    if (runs_.empty()) throw std::logic_error(std::string("index_set::") + what + " of an empty set");
    return runs_;
  }

  std::vector<index_run> runs_;
  std::size_t size_ = 0;
};

}  // namespace embargo

#endif
