// embargo: a model's metric values by name, the input every gate reads.
// Gates do not care where a number came from (a metrics accumulator, a JSON summary, a user's
// script): they look values up by name, and a missing name is a missing metric, never a zero.
#ifndef EMBARGO_GATES_METRICS_RECORD_HPP
#define EMBARGO_GATES_METRICS_RECORD_HPP

#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace embargo {

/// Metric values keyed by name ("fitness", "profit_factor", "consistency", "max_drawdown",
/// "sortino", "dsr", "train_oos_gap", ...). Values may be NaN or infinite: the gates decide
/// what that means (NaN never passes; +inf profit factor passes a minimum).
class metrics_record {
 public:
  metrics_record() = default;
  metrics_record(std::initializer_list<std::pair<const std::string, double>> values) : values_(values) {}

  /// Sets (or replaces) one value.
  void set(std::string name, double value) { values_.insert_or_assign(std::move(name), value); }
  /// Removes a value, so it becomes missing.
  void erase(std::string_view name) {
    if (auto it = values_.find(name); it != values_.end()) values_.erase(it);
  }
  /// The value, or nullopt when absent (a NaN is returned as NaN: present but undefined).
  std::optional<double> get(std::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  bool contains(std::string_view name) const { return values_.find(name) != values_.end(); }
  const std::map<std::string, double, std::less<>>& values() const noexcept { return values_; }

 private:
  std::map<std::string, double, std::less<>> values_;
};

}  // namespace embargo

#endif
