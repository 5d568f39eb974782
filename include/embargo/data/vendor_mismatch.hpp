// embargo: comparing two vendors' bars of the same symbol, aligned on timestamps.
#ifndef EMBARGO_DATA_VENDOR_MISMATCH_HPP
#define EMBARGO_DATA_VENDOR_MISMATCH_HPP

#include <cmath>
#include <vector>

#include <embargo/core/error.hpp>
#include <embargo/data/bars.hpp>

namespace embargo {

struct vendor_mismatch_options {
  double threshold = 0.005;  ///< relative close difference |a − b| / b that counts as a mismatch
};

struct vendor_comparison {
  std::size_t common_bars = 0;           ///< timestamps present in both
  std::size_t only_primary = 0, only_reference = 0;
  std::vector<std::size_t> mismatches;   ///< positions in the primary series
  std::vector<double> relative_difference;  ///< per mismatch
  double mismatch_share() const noexcept {
    return common_bars ? static_cast<double>(mismatches.size()) / static_cast<double>(common_bars) : 0.0;
  }
};

/// Merge-joins the two series on time (both strictly increasing) and compares closes.
/// Throws data_error when the symbols differ (a reference for another instrument is a user error).
inline vendor_comparison compare_vendors(const bars& primary, const bars& reference, vendor_mismatch_options opt = {}) {
  if (primary.symbol != reference.symbol)
    throw data_error("compare_vendors: reference symbol '" + reference.symbol + "' is not '" + primary.symbol + "'");
  if (!(opt.threshold > 0)) throw invalid_argument("compare_vendors: threshold must be positive");
  vendor_comparison c;
  std::size_t i = 0, j = 0;
  while (i < primary.size() && j < reference.size()) {
    if (primary.time[i] < reference.time[j]) ++i, ++c.only_primary;
    else if (reference.time[j] < primary.time[i]) ++j, ++c.only_reference;
    else {
      ++c.common_bars;
      const double d = std::abs(primary.close[i] - reference.close[j]) / reference.close[j];
      if (d > opt.threshold) c.mismatches.push_back(i), c.relative_difference.push_back(d);
      ++i, ++j;
    }
  }
  c.only_primary += primary.size() - i;
  c.only_reference += reference.size() - j;
  return c;
}

}  // namespace embargo

#endif
