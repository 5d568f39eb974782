// embargo: the three gate tiers of the seed system, APPROVED, REVIEW and DROP.
// Ordered from best to worst so that the tier of a model is the worst tier of its criteria;
// text forms are the seed's upper-case names, which the archive writes and reads back.
#ifndef EMBARGO_GATES_TIER_HPP
#define EMBARGO_GATES_TIER_HPP

#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include <embargo/core/enum_names.hpp>

namespace embargo {

/// Gate outcome: deploy (approved), look at it (review), do not deploy (drop).
enum class tier { approved = 0, review = 1, drop = 2 };

template <>
struct enum_names<tier> {
  static constexpr std::array<std::pair<std::string_view, tier>, 3> entries{
      {{"APPROVED", tier::approved}, {"REVIEW", tier::review}, {"DROP", tier::drop}}};
};

/// "APPROVED", "REVIEW" or "DROP" (a value outside the enum reads as DROP).
constexpr std::string_view to_string(tier t) noexcept { return to_name(t).empty() ? "DROP" : to_name(t); }

/// Inverse of to_string (exact, upper case); nullopt for anything else.
constexpr std::optional<tier> parse_tier(std::string_view s) noexcept { return parse_name<tier>(s); }

/// The worse of two tiers.
constexpr tier worst(tier a, tier b) noexcept { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

}  // namespace embargo

#endif
