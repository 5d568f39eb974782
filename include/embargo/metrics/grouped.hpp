// embargo: grouped<Set, Key>, one metric set per key (regime, fold, symbol, year), keyed at run
// time (spec §2.14). Groups are kept in key order so that output and merges are deterministic;
// merge is the union of keys with a per-key merge.
#ifndef EMBARGO_METRICS_GROUPED_HPP
#define EMBARGO_METRICS_GROUPED_HPP

#include <cstddef>
#include <map>
#include <span>
#include <string>

#include <embargo/core/error.hpp>
#include <embargo/metrics/metric_set.hpp>

namespace embargo {

template <class Set, class Key = std::string>
class grouped {
 public:
  explicit grouped(const metric_options& options = {}) : options_(options) { options_.validate(); }

  void push(const Key& key, double x) { group(key).push(x); }

  /// values[i] goes to keys[i].
  template <class Keys>
  void push(const Keys& keys, std::span<const double> values) {
    embargo::detail::require(std::size(keys) == values.size(),
                             "grouped::push: " + std::to_string(std::size(keys)) + " keys for " +
                                 std::to_string(values.size()) + " values");
    std::size_t i = 0;
    for (const auto& k : keys) group(k).push(values[i++]);
  }

  void merge(const grouped& later) {
    embargo::detail::require(options_ == later.options_, "grouped::merge: different options");
    for (const auto& [k, s] : later.groups_) group(k).merge(s);
  }

  /// The set of one key, created empty on first use.
  Set& group(const Key& key) { return groups_.try_emplace(key, options_).first->second; }
  const std::map<Key, Set>& groups() const noexcept { return groups_; }
  auto begin() const noexcept { return groups_.begin(); }
  auto end() const noexcept { return groups_.end(); }
  std::size_t size() const noexcept { return groups_.size(); }

 private:
  metric_options options_;
  std::map<Key, Set> groups_;
};

}  // namespace embargo

#endif
