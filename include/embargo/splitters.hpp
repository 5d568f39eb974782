// embargo: umbrella header of splitters/ (purged k-fold, CPCV, walk-forward, TimeSeriesSplit,
// holdout and the dual-model scheme, per-regime validation, split diagrams).
#ifndef EMBARGO_SPLITTERS_HPP
#define EMBARGO_SPLITTERS_HPP

#include <embargo/splitters/combinatorial_purged_cv.hpp>
#include <embargo/splitters/embargo.hpp>
#include <embargo/splitters/groups.hpp>
#include <embargo/splitters/holdout.hpp>
#include <embargo/splitters/purge.hpp>
#include <embargo/splitters/purged_kfold.hpp>
#include <embargo/splitters/regime_split.hpp>
#include <embargo/splitters/split_svg.hpp>
#include <embargo/splitters/time_series_split.hpp>
#include <embargo/splitters/walk_forward.hpp>

#endif
