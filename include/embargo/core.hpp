// embargo: umbrella header of core/ (types, concepts, errors, random numbers, time stamps, atomic file writes).
#ifndef EMBARGO_CORE_HPP
#define EMBARGO_CORE_HPP

#include <embargo/core/atomic_file.hpp>
#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/fold.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/core/random.hpp>
#include <embargo/core/regime.hpp>
#include <embargo/core/time.hpp>

#endif
