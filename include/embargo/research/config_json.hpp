// embargo: research_options <-> JSON, the config hash and the dry-run printout, all by walking the
// one Hana declaration in research/options.hpp, so a new key needs no code here.
// embargo-requires: json
#ifndef EMBARGO_RESEARCH_CONFIG_JSON_HPP
#define EMBARGO_RESEARCH_CONFIG_JSON_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/core/to.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>
#include <nlohmann/json.hpp>

#include <embargo/core/enum_names.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/fnv.hpp>
#include <embargo/research/options.hpp>
#include <embargo/research/validate.hpp>

namespace embargo::research {

namespace detail {

// ---------------------------------------------------------------------------------------------
// Writing

template <class T>
nlohmann::ordered_json write_value(const T& v);

/// An adapted struct as an object in declared order; a member called `skip` is left out.
template <class T>
nlohmann::ordered_json write_struct(const T& obj, std::string_view skip = {}) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
    const char* name = boost::hana::to<const char*>(boost::hana::first(pair));
    if (name != skip) out[name] = write_value(boost::hana::second(pair)(obj));
  });
  return out;
}

template <class T>
nlohmann::ordered_json write_value(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v;
  } else if constexpr (named_enum<T>) {
    return std::string(to_name(v));
  } else if constexpr (std::is_integral_v<T>) {
    return v;
  } else if constexpr (std::is_floating_point_v<T>) {
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return v;
  } else if constexpr (is_std_array<T>::value || is_std_vector<T>::value) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& e : v) out.push_back(write_value(e));
    return out;
  } else if constexpr (is_config_struct<T>) {
    return write_struct(v);
  } else {
    static_assert(dependent_false<T>, "research options: a field type the JSON writer does not know");
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Where a value came from: the source name (a file) and the dotted key path inside it.
[[noreturn]] inline void config_fail(const std::string& where, const std::string& path, const std::string& problem) {
  throw data_error(where + ": " + (path.empty() ? "" : path + ": ") + problem);
}

/// A JSON value for a message, cut short when long.
inline std::string show_json(const nlohmann::json& v) {
  std::string s = v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

template <class T>
std::string struct_keys() {
  std::string out;
  boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
    out += (out.empty() ? "" : ", ") + std::string(boost::hana::to<const char*>(boost::hana::first(pair)));
  });
  return out;
}

template <class T>
void read_value(const nlohmann::json& j, T& out, const std::string& path, const std::string& where);

template <class T>
void read_struct(const nlohmann::json& j, T& obj, const std::string& path, const std::string& where) {
  if (!j.is_object()) config_fail(where, path, "expected an object, got " + show_json(j));
  for (const auto& item : j.items()) {
    bool known = false;
    boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
      known = known || item.key() == boost::hana::to<const char*>(boost::hana::first(pair));
    });
    if (!known) config_fail(where, join_key(path, item.key()), "unknown key; allowed: " + struct_keys<T>());
  }
  boost::hana::for_each(boost::hana::accessors<T>(), [&](auto pair) {
    const char* name = boost::hana::to<const char*>(boost::hana::first(pair));
    const auto it = j.find(name);
    if (it != j.end()) read_value(*it, boost::hana::second(pair)(obj), join_key(path, name), where);
  });
}

template <class T>
void read_integer(const nlohmann::json& j, T& out, const std::string& path, const std::string& where) {
  if (!j.is_number_integer()) config_fail(where, path, "expected an integer, got " + show_json(j));
  const auto range = [&] {
    return "out of range: must be in [" + std::to_string(std::numeric_limits<T>::min()) + ", " +
           std::to_string(std::numeric_limits<T>::max()) + "], got " + show_json(j);
  };
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    if (!std::in_range<T>(u)) config_fail(where, path, range());
    out = static_cast<T>(u);
  } else {
    const auto s = j.get<std::int64_t>();
    if (std::is_unsigned_v<T> && s < 0) config_fail(where, path, "expected a non-negative integer, got " + show_json(j));
    if (!std::in_range<T>(s)) config_fail(where, path, range());
    out = static_cast<T>(s);
  }
}

template <class T>
void read_value(const nlohmann::json& j, T& out, const std::string& path, const std::string& where) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!j.is_boolean()) config_fail(where, path, "expected true or false, got " + show_json(j));
    out = j.get<bool>();
  } else if constexpr (named_enum<T>) {
    if (!j.is_string()) config_fail(where, path, "expected one of " + enum_choices<T>() + "; got " + show_json(j));
    const auto e = parse_name<T>(j.get_ref<const std::string&>());
    if (!e) config_fail(where, path, "unknown name " + show_json(j) + "; choices: " + enum_choices<T>());
    out = *e;
  } else if constexpr (std::is_integral_v<T>) {
    read_integer(j, out, path, where);
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!j.is_number()) config_fail(where, path, "expected a number, got " + show_json(j));
    const double d = j.get<double>();
    if (!std::isfinite(d)) config_fail(where, path, "not a finite number");
    out = static_cast<T>(d);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) config_fail(where, path, "expected a string, got " + show_json(j));
    out = j.get<std::string>();
  } else if constexpr (is_std_array<T>::value) {
    if (!j.is_array() || j.size() != out.size())
      config_fail(where, path, "expected an array of " + std::to_string(out.size()) + " elements, got " + show_json(j));
    for (std::size_t i = 0; i < out.size(); ++i) read_value(j[i], out[i], path + "[" + std::to_string(i) + "]", where);
  } else if constexpr (is_std_vector<T>::value) {
    if (!j.is_array()) config_fail(where, path, "expected an array, got " + show_json(j));
    T values(j.size());
    for (std::size_t i = 0; i < values.size(); ++i)
      read_value(j[i], values[i], path + "[" + std::to_string(i) + "]", where);
    out = std::move(values);
  } else if constexpr (is_config_struct<T>) {
    read_struct(j, out, path, where);
  } else {
    static_assert(dependent_false<T>, "research options: a field type the JSON reader does not know");
  }
}

/// "[json.exception.parse_error.101] parse error at ..." -> "parse error at ...".
inline std::string strip_json_exception_id(const char* what) {
  std::string s = what;
  if (!s.empty() && s.front() == '[') {
    const auto end = s.find("] ");
    if (end != std::string::npos) s.erase(0, end + 2);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Printing

template <class T>
std::string show_leaf(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";
  } else if constexpr (named_enum<T>) {
    return std::string(to_name(v));
  } else if constexpr (std::is_arithmetic_v<T>) {
    return show_number(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return v;
  } else if constexpr (is_std_array<T>::value || is_std_vector<T>::value) {
    std::string out = "[";
    for (const auto& e : v) out += (out.size() > 1 ? ", " : "") + show_leaf(e);
    return out + "]";
  } else {
    static_assert(dependent_false<T>, "research options: a field type the printout does not know");
  }
}

}  // namespace detail

/// The configuration as JSON, keys in declared order. `threads` only when `with_threads`: results
/// do not depend on it, so neither does the hash. A non-finite double (impossible after
/// validate_options) is written as null.
inline nlohmann::ordered_json to_json(const research_options& o, bool with_threads = false) {
  return detail::write_struct(o, with_threads ? std::string_view{} : std::string_view{"threads"});
}

/// Reads a configuration strictly: absent keys keep their defaults; an unknown key, a value of
/// the wrong type or out of its type's range, an unknown enum name, and any value validate_options
/// rejects throw data_error "<where>: <dotted.key>: <problem>".
inline research_options research_options_from_json(const nlohmann::json& j, const std::string& where) {
  research_options o;
  detail::read_value(j, o, "", where);
  try {
    validate_options(o);
  } catch (const config_error& e) {
    throw data_error(where + ": " + e.what());
  }
  return o;
}

/// Parses configuration text. A key repeated within one object (which nlohmann would silently
/// resolve to the last) throws data_error "<where>: <path>: duplicate key"; invalid JSON throws
/// "<where>: not valid JSON: ..."; a number too large for a double "<where>: <path>: not a finite number".
inline nlohmann::json parse_config_text(const std::string& text, const std::string& where) {
  struct frame {
    bool object = false;
    std::set<std::string> keys;
    std::string key;        // object: the key whose value is being read
    std::size_t index = 0;  // array: the element being read
  };
  std::vector<frame> stack;
  const auto path = [&] {
    std::string p;
    for (const auto& f : stack) {
      if (f.object && !f.key.empty()) p = detail::join_key(p, f.key);
      if (!f.object) p += "[" + std::to_string(f.index) + "]";
    }
    return p;
  };
  using event = nlohmann::json::parse_event_t;
  const auto callback = [&](int, event ev, nlohmann::json& parsed) {
    switch (ev) {
      case event::object_start: stack.emplace_back().object = true; break;
      case event::array_start: stack.emplace_back(); break;
      case event::key: {
        auto& top = stack.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second) detail::config_fail(where, path(), "duplicate key");
        break;
      }
      case event::value:
        if (!stack.empty() && !stack.back().object) ++stack.back().index;
        break;
      case event::object_end:
      case event::array_end:
        stack.pop_back();
        if (!stack.empty() && !stack.back().object) ++stack.back().index;
        break;
    }
    return true;
  };
  try {
    return nlohmann::json::parse(text, callback);
  } catch (const nlohmann::json::out_of_range& e) {
    if (e.id == 406) detail::config_fail(where, path(), "not a finite number (" + detail::strip_json_exception_id(e.what()) + ")");
    throw data_error(where + ": not valid JSON: " + detail::strip_json_exception_id(e.what()));
  } catch (const nlohmann::json::exception& e) {
    throw data_error(where + ": not valid JSON: " + detail::strip_json_exception_id(e.what()));
  }
}

/// FNV-1a 64 of the canonical JSON (compact, declared order, without `threads`), as 16 hex digits.
inline std::string config_hash(const research_options& o) { return hex16(fnv1a64(to_json(o).dump())); }

/// The --dry-run printout: one line "labels.pt = 2" per key (threads included), in declared order.
inline std::string describe_options(const research_options& o) {
  std::string out;
  detail::for_each_leaf(o, "", [&](const std::string& key, const auto& v) {
    out += key + " = " + detail::show_leaf(v) + "\n";
  });
  return out;
}

}  // namespace embargo::research

#endif
