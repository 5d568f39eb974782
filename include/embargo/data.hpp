// embargo: umbrella header of data/ (bars, CSV, time, atomic files, the market simulator).
#ifndef EMBARGO_DATA_HPP
#define EMBARGO_DATA_HPP

#include <embargo/data/atomic_file.hpp>
#include <embargo/data/bars.hpp>
#include <embargo/data/bars_csv.hpp>
#include <embargo/data/csv.hpp>
#include <embargo/data/events_csv.hpp>
#include <embargo/data/simulator.hpp>
#include <embargo/data/time.hpp>

#endif
