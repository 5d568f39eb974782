// embargo: FNV-1a 64, the one non-cryptographic hash behind configuration hashes, feature-set
// hashes and model-file checksums: stable across platforms, builds and runs.
#ifndef EMBARGO_CORE_FNV_HPP
#define EMBARGO_CORE_FNV_HPP

#include <cstdint>
#include <string>
#include <string_view>

namespace embargo {

inline constexpr std::uint64_t fnv1a64_offset = 14695981039346656037ull;

/// Continues an FNV-1a 64 hash `h` over the bytes of `s`.
constexpr std::uint64_t fnv1a64(std::string_view s, std::uint64_t h = fnv1a64_offset) noexcept {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

/// `h` as 16 lower-case hex digits.
inline std::string hex16(std::uint64_t h) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = digits[h & 0xf];
  return out;
}

}  // namespace embargo

#endif
