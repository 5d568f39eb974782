// Shared by the metrics tests: JSON numbers with the vectors' encoding of non-finite values
// ("NaN", "Infinity", "-Infinity") and a comparison that treats NaN and ±inf exactly.
#ifndef EMBARGO_TESTS_METRICS_VECTOR_SUPPORT_HPP
#define EMBARGO_TESTS_METRICS_VECTOR_SUPPORT_HPP

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace embargo::test {

inline double number(const nlohmann::json& j) {
  if (j.is_string()) {
    const auto s = j.get<std::string>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return INFINITY;
    if (s == "-Infinity") return -INFINITY;
    throw std::runtime_error("not a number: " + s);
  }
  return j.get<double>();
}

inline std::vector<double> numbers(const nlohmann::json& j) {
  std::vector<double> v;
  for (const auto& x : j) v.push_back(number(x));
  return v;
}

/// |got − want| <= tol · max(1, |want|); NaN must meet NaN and ±inf the same infinity.
inline bool agrees(double got, double want, double tol) {
  if (std::isnan(want)) return std::isnan(got);
  if (std::isinf(want)) return got == want;
  return std::abs(got - want) <= tol * std::max(1.0, std::abs(want));
}

}  // namespace embargo::test

#define CHECK_AGREES(got, want, tol)                          \
  do {                                                        \
    const double got_ = (got), want_ = (want);                \
    INFO("got " << got_ << ", want " << want_);               \
    CHECK(embargo::test::agrees(got_, want_, (tol)));         \
  } while (0)

#endif
