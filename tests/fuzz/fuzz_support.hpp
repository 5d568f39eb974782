// embargo fuzz targets: the contract every target checks. An input either parses or throws an
// embargo::error (data_error, io_error, invalid_argument: what the CLI reports as a user mistake,
// exit 2). Any other exception (nlohmann's, std::out_of_range, std::length_error, bad_alloc, ...)
// would reach the CLI as an "internal error": it is a finding, reported here by aborting with
// its type and message so that libFuzzer saves the input. Crashes, sanitizer reports, timeouts
// and over-large allocations are findings by libFuzzer's own rules.
#ifndef EMBARGO_TESTS_FUZZ_FUZZ_SUPPORT_HPP
#define EMBARGO_TESTS_FUZZ_FUZZ_SUPPORT_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>

#include <embargo/core/error.hpp>

namespace embargo::fuzz {

inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// Runs `f`; returns normally when it returns or throws an embargo::error, aborts otherwise.
template <class F>
void expect_parse_or_embargo_error(F&& f) {
  try {
    f();
  } catch (const embargo::error&) {
    // a clear user-facing error: fine
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FINDING: exception outside embargo::error: %s: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "FINDING: non-std exception\n");
    std::abort();
  }
}

}  // namespace embargo::fuzz

#endif
