// embargo: EMBARGO_ALWAYS_INLINE, for the few small functions of a hot loop that GCC's inliner
// keeps out of line in some translation units and not in others (its budget depends on what else
// the unit holds): left to it, the triple-barrier labeller's label writer stayed out of line in the
// benchmark binary, which ran 1.2x slower (same-CPU A/B of the two builds). Placed after a
// lambda's parameter list, or before a function's return type.
#ifndef EMBARGO_CORE_ALWAYS_INLINE_HPP
#define EMBARGO_CORE_ALWAYS_INLINE_HPP

#if defined(__GNUC__) || defined(__clang__)
#define EMBARGO_ALWAYS_INLINE __attribute__((always_inline))
#else
#define EMBARGO_ALWAYS_INLINE
#endif

#endif
