// embargo: umbrella header of the statistical tests (stats/): PSR, DSR, MinTRL, PBO via CSCV,
// Sharpe-difference tests, and drift (metric change, PSI, two-sample KS).
// Each header also stands alone.
#ifndef EMBARGO_STATS_HPP
#define EMBARGO_STATS_HPP

#include <embargo/stats/dsr.hpp>
#include <embargo/stats/ks.hpp>
#include <embargo/stats/metric_drift.hpp>
#include <embargo/stats/min_track_record.hpp>
#include <embargo/stats/moments.hpp>
#include <embargo/stats/normal.hpp>
#include <embargo/stats/pbo.hpp>
#include <embargo/stats/psi.hpp>
#include <embargo/stats/psr.hpp>
#include <embargo/stats/sharpe_difference.hpp>

#endif
