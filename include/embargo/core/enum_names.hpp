// embargo: enum <-> name, one table per enum. A configuration reader, a JSON writer and a report
// all spell an enum the same way because they read the same table; a new enumerator without a
// name is caught by the table's size check at compile time where the enum declares its count.
#ifndef EMBARGO_CORE_ENUM_NAMES_HPP
#define EMBARGO_CORE_ENUM_NAMES_HPP

#include <array>
#include <cstddef>
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

/// A table of names: enum_names<E>::entries, or a second spelling of the same enum kept by one
/// reader (a CLI option whose words differ from the configuration's).
template <class E, std::size_t N>
using name_table = std::array<std::pair<std::string_view, E>, N>;

/// The name of `value` in `table`, or "" when the table has none.
template <class E, std::size_t N>
constexpr std::string_view to_name(const name_table<E, N>& table, E value) noexcept {
  for (const auto& [name, e] : table)
    if (e == value) return name;
  return {};
}

/// The enumerator called `name` in `table`, or nullopt.
template <class E, std::size_t N>
constexpr std::optional<E> parse_name(const name_table<E, N>& table, std::string_view name) noexcept {
  for (const auto& [n, e] : table)
    if (n == name) return e;
  return std::nullopt;
}

/// The name of `value`, or "" when the table has none.
template <named_enum E>
constexpr std::string_view to_name(E value) noexcept {
  return to_name(enum_names<E>::entries, value);
}

/// The enumerator called `name`, or nullopt.
template <named_enum E>
constexpr std::optional<E> parse_name(std::string_view name) noexcept {
  return parse_name(enum_names<E>::entries, name);
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
