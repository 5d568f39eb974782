// embargo: the three gate tiers of the seed system, APPROVED, REVIEW and DROP.
// Ordered from best to worst so that the tier of a model is the worst tier of its criteria;
// text forms are the seed's upper-case names, which the archive writes and reads back.
#ifndef EMBARGO_GATES_TIER_HPP
#define EMBARGO_GATES_TIER_HPP

#include <optional>
#include <string_view>

namespace embargo {

/// Gate outcome: deploy (approved), look at it (review), do not deploy (drop).
enum class tier { approved = 0, review = 1, drop = 2 };

/// "APPROVED", "REVIEW" or "DROP".
constexpr std::string_view to_string(tier t) noexcept {
  switch (t) {
    case tier::approved: return "APPROVED";
    case tier::review: return "REVIEW";
    case tier::drop: return "DROP";
  }
  return "DROP";
}

/// Inverse of to_string (exact, upper case); nullopt for anything else.
constexpr std::optional<tier> parse_tier(std::string_view s) noexcept {
  if (s == "APPROVED") return tier::approved;
  if (s == "REVIEW") return tier::review;
  if (s == "DROP") return tier::drop;
  return std::nullopt;
}

/// The worse of two tiers.
constexpr tier worst(tier a, tier b) noexcept { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

}  // namespace embargo

#endif
