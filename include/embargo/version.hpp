// embargo: library version.
// Kept in step with project(VERSION) in the top-level CMakeLists.txt (a test checks it).
#ifndef EMBARGO_VERSION_HPP
#define EMBARGO_VERSION_HPP

#define EMBARGO_VERSION_MAJOR 0
#define EMBARGO_VERSION_MINOR 1
#define EMBARGO_VERSION_PATCH 0
#define EMBARGO_VERSION_STRING "0.1.0"

namespace embargo {
inline constexpr int version_major = EMBARGO_VERSION_MAJOR;
inline constexpr int version_minor = EMBARGO_VERSION_MINOR;
inline constexpr int version_patch = EMBARGO_VERSION_PATCH;
inline constexpr const char* version_string = EMBARGO_VERSION_STRING;
}  // namespace embargo

#endif
