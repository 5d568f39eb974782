// embargo: the five market regimes shared by the simulator, the regime labeler, regime weights
// and regime-balanced sampling (regime-aware-training seed).
#ifndef EMBARGO_CORE_REGIME_HPP
#define EMBARGO_CORE_REGIME_HPP

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace embargo {

enum class regime : std::uint8_t { low_vol = 0, normal = 1, high_vol = 2, crash = 3, recovery = 4 };

inline constexpr std::size_t regime_count = 5;
inline constexpr std::array<regime, regime_count> all_regimes = {regime::low_vol, regime::normal, regime::high_vol,
                                                                 regime::crash, regime::recovery};

constexpr std::string_view to_string(regime r) noexcept {
  constexpr std::array<std::string_view, regime_count> names = {"low_vol", "normal", "high_vol", "crash", "recovery"};
  const auto i = static_cast<std::size_t>(r);
  return i < regime_count ? names[i] : std::string_view("unknown");
}

constexpr std::optional<regime> parse_regime(std::string_view s) noexcept {
  for (auto r : all_regimes)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

constexpr std::size_t index(regime r) noexcept { return static_cast<std::size_t>(r); }

}  // namespace embargo

#endif
