// embargo: enum <-> name, one table per enum. A configuration reader, a JSON writer and a report
// all spell an enum the same way because they read the same table; a new enumerator without a
// name is caught by the table's size check at compile time where the enum declares its count.
#ifndef EMBARGO_CORE_ENUM_NAMES_HPP
#define EMBARGO_CORE_ENUM_NAMES_HPP

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace embargo {

/// Specialise for an enum E: `static constexpr std::array<std::pair<std::string_view, E>, N> entries`.
template <class E>
struct enum_names;

template <class E>
concept named_enum = requires { enum_names<E>::entries; };

/// The name of `value`, or "" when the table has none.
template <named_enum E>
constexpr std::string_view to_name(E value) noexcept {
  for (const auto& [name, e] : enum_names<E>::entries)
    if (e == value) return name;
  return {};
}

/// The enumerator called `name`, or nullopt.
template <named_enum E>
constexpr std::optional<E> parse_name(std::string_view name) noexcept {
  for (const auto& [n, e] : enum_names<E>::entries)
    if (n == name) return e;
  return std::nullopt;
}

/// "a, b, c": the names a reader accepts, for its error message.
template <named_enum E>
std::string enum_choices() {
  std::string out;
  for (const auto& [name, e] : enum_names<E>::entries) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

}  // namespace embargo

#endif
