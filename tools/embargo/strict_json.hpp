// Strict reading of JSON configuration: every key must be known, every value of the right type;
// a typo is an error naming its path ("integrity.max_fil: unknown key"), never silently ignored.
#ifndef EMBARGO_TOOLS_STRICT_JSON_HPP
#define EMBARGO_TOOLS_STRICT_JSON_HPP

#include <set>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include <embargo/core/error.hpp>

namespace embargo::cli {

class strict_object {
 public:
  /// `where` names the source in messages (a file name, then the key path).
  strict_object(const nlohmann::json& j, std::string where) : j_(j), where_(std::move(where)) {
    if (!j_.is_object()) throw data_error(where_ + ": expected a JSON object, found " + std::string(j_.type_name()));
  }

  /// Sets `out` from key when present (otherwise leaves the default). Type mismatches throw.
  template <class T>
  strict_object& get(const std::string& key, T& out) {
    if (!j_.contains(key)) return *this;
    used_.insert(key);
    const auto& v = j_.at(key);
    const std::string path = where_ + "." + key;
    if constexpr (std::is_same_v<T, bool>) {
      if (!v.is_boolean()) fail(path, "true or false", v);
    } else if constexpr (std::is_integral_v<T>) {
      if (!v.is_number_integer() || (std::is_unsigned_v<T> && v.get<long long>() < 0)) fail(path, "an integer", v);
    } else if constexpr (std::is_floating_point_v<T>) {
      if (!v.is_number()) fail(path, "a number", v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (!v.is_string()) fail(path, "a string", v);
    }
    try {
      out = v.get<T>();
    } catch (const nlohmann::json::exception& e) {
      throw data_error(path + ": " + e.what());
    }
    return *this;
  }

  /// A nested object (empty when absent), to read and finish() like this one.
  strict_object child(const std::string& key) {
    used_.insert(key);
    static const nlohmann::json empty = nlohmann::json::object();
    return strict_object(j_.contains(key) ? j_.at(key) : empty, where_ + "." + key);
  }
  bool has(const std::string& key) const { return j_.contains(key); }

  /// Throws on the first key that no get()/child() asked for.
  void finish() const {
    for (const auto& [k, v] : j_.items())
      if (!used_.count(k)) throw data_error(where_ + ": unknown key '" + k + "'");
  }

 private:
  [[noreturn]] static void fail(const std::string& path, const char* expected, const nlohmann::json& v) {
    throw data_error(path + ": expected " + expected + ", found " + v.dump());
  }
  const nlohmann::json& j_;
  std::string where_;
  std::set<std::string> used_;
};

}  // namespace embargo::cli

#endif
