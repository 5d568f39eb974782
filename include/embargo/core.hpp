// embargo: umbrella header of core/ (types, concepts, errors, random numbers).
#ifndef EMBARGO_CORE_HPP
#define EMBARGO_CORE_HPP

#include <embargo/core/concepts.hpp>
#include <embargo/core/error.hpp>
#include <embargo/core/fold.hpp>
#include <embargo/core/interval.hpp>
#include <embargo/core/random.hpp>
#include <embargo/core/regime.hpp>

#endif
