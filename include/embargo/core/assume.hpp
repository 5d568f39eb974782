// embargo: EMBARGO_ASSUME(cond), a fact the optimiser may rely on but cannot prove, such as a
// vector's spare capacity reserved by the caller: the code path it rules out (a reallocating call)
// then leaves the loop, and the registers a call would clobber stay live across it. Reaching a
// false assumption is undefined behaviour; the sanitizer builds report it (-fsanitize=unreachable).
#ifndef EMBARGO_CORE_ASSUME_HPP
#define EMBARGO_CORE_ASSUME_HPP

#if defined(__GNUC__) || defined(__clang__)
#define EMBARGO_ASSUME(cond) \
  do {                       \
    if (!(cond)) __builtin_unreachable(); \
  } while (false)
#else
#define EMBARGO_ASSUME(cond) static_cast<void>(0)
#endif

#endif
