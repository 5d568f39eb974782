// embargo: stale prices: runs of bars whose close does not change although volume traded,
// the signature of a feed that stopped updating.
#ifndef EMBARGO_DATA_STALE_HPP
#define EMBARGO_DATA_STALE_HPP

#include <vector>

#include <embargo/data/bars.hpp>

namespace embargo {

struct stale_options {
  std::size_t min_run = 5;  ///< bars with the same close as the bar before them (with volume > 0)
};

/// A stale run: bars [first, first + length) repeat the close of bar first − 1.
struct stale_run {
  std::size_t first = 0, length = 0;
};

inline std::vector<stale_run> find_stale_runs(const bars& b, stale_options opt = {}) {
  std::vector<stale_run> out;
  std::size_t run = 0;
  auto close_run = [&](std::size_t end) {
    if (run >= opt.min_run) out.push_back({end - run, run});
    run = 0;
  };
  for (std::size_t i = 1; i < b.size(); ++i) {
    if (b.close[i] == b.close[i - 1] && b.volume[i] > 0) ++run;
    else close_run(i);
  }
  close_run(b.size());
  return out;
}

}  // namespace embargo

#endif
