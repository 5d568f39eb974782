// embargo: range-v3 views over an index_set, for callers who compose index pipelines with
// range-v3 (`| views::filter`, `| views::chunk`, `views::zip`, ...). Kept out of index_set.hpp
// so that the splitters' headers, and the single headers made from them, need no range-v3.
#ifndef EMBARGO_CORE_INDEX_SET_VIEWS_HPP
#define EMBARGO_CORE_INDEX_SET_VIEWS_HPP

#include <cstddef>

#include <range/v3/view/iota.hpp>
#include <range/v3/view/join.hpp>
#include <range/v3/view/transform.hpp>

#include <embargo/core/index_set.hpp>

namespace embargo::views {

/// Each run [begin, end) as a range-v3 iota view (the runs, not yet flattened).
inline auto runs(const index_set& s) {
  return s.runs() | ranges::views::transform([](const index_run& r) { return ranges::views::iota(r.begin, r.end); });
}

/// The indices of s, lazily: views::join over the runs' iota views. Nothing is materialised; the
/// view refers to s, which must outlive it.
inline auto indices(const index_set& s) { return runs(s) | ranges::views::join; }

}  // namespace embargo::views

#endif
