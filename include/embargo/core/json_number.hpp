// embargo: a double as JSON: the number, or null where it is NaN or infinite (JSON has neither,
// and nlohmann would write null anyway; saying so makes the intent visible and the type uniform).
// embargo-requires: json
#ifndef EMBARGO_CORE_JSON_NUMBER_HPP
#define EMBARGO_CORE_JSON_NUMBER_HPP

#include <cmath>

#include <nlohmann/json.hpp>

namespace embargo {

/// `v` when finite, else null.
inline nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

}  // namespace embargo

#endif
