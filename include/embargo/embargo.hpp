// embargo: the umbrella header. Includes every core component; not the optional companions
// (the JSON archive `embargo/archive.hpp`, the Armadillo backend), which have their own targets.
// Including one folder's header (`embargo/splitters.hpp`) compiles faster when that is all you use.
#ifndef EMBARGO_EMBARGO_HPP
#define EMBARGO_EMBARGO_HPP

#include <embargo/version.hpp>
#include <embargo/core.hpp>
#include <embargo/data.hpp>
#include <embargo/events.hpp>
#include <embargo/features.hpp>
#include <embargo/gates.hpp>
#include <embargo/labelers.hpp>
#include <embargo/metrics.hpp>
#include <embargo/models.hpp>
#include <embargo/pipeline.hpp>
#include <embargo/samplers.hpp>
#include <embargo/splitters.hpp>
#include <embargo/stats.hpp>
#include <embargo/strategy.hpp>

#endif
