// embargo: the five market regimes shared by the simulator, the regime labeler, regime weights
// and regime-balanced sampling (regime-aware-training seed).
#ifndef EMBARGO_CORE_REGIME_HPP
#define EMBARGO_CORE_REGIME_HPP

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include <embargo/core/enum_names.hpp>

namespace embargo {

enum class regime : std::uint8_t { low_vol = 0, normal = 1, high_vol = 2, crash = 3, recovery = 4 };

inline constexpr std::size_t regime_count = 5;
inline constexpr std::array<regime, regime_count> all_regimes = {regime::low_vol, regime::normal, regime::high_vol,
                                                                 regime::crash, regime::recovery};

template <>
struct enum_names<regime> {
  static constexpr std::array<std::pair<std::string_view, regime>, regime_count> entries{
      {{"low_vol", regime::low_vol},
       {"normal", regime::normal},
       {"high_vol", regime::high_vol},
       {"crash", regime::crash},
       {"recovery", regime::recovery}}};
};

/// "low_vol", "normal", "high_vol", "crash", "recovery"; "unknown" for a value outside the enum.
constexpr std::string_view to_string(regime r) noexcept { return to_name(r).empty() ? "unknown" : to_name(r); }

constexpr std::optional<regime> parse_regime(std::string_view s) noexcept { return parse_name<regime>(s); }

constexpr std::size_t index(regime r) noexcept { return static_cast<std::size_t>(r); }

}  // namespace embargo

#endif
