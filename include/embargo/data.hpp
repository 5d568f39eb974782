// embargo: umbrella header of data/ (bars, CSV, time, atomic files, the market simulator, the
// integrity checks, fault injection and the universe filter).
#ifndef EMBARGO_DATA_HPP
#define EMBARGO_DATA_HPP

#include <embargo/data/bars.hpp>
#include <embargo/data/bars_csv.hpp>
#include <embargo/data/calendar.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/data/events_csv.hpp>
#include <embargo/data/faults.hpp>
#include <embargo/data/gaps.hpp>
#include <embargo/data/mapped_columns.hpp>
#include <embargo/data/integrity.hpp>
#include <embargo/data/outliers.hpp>
#include <embargo/data/simulator.hpp>
#include <embargo/data/split_detection.hpp>
#include <embargo/data/spread_estimators.hpp>
#include <embargo/data/stale.hpp>
#include <embargo/data/table_csv.hpp>
#include <embargo/data/universe.hpp>
#include <embargo/data/vendor_mismatch.hpp>

#endif
