# Warnings and sanitizers for our own targets only (never CMAKE_CXX_FLAGS, never consumers).
add_library(embargo_build_flags INTERFACE)
target_compile_options(embargo_build_flags INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Wall -Wextra -Wpedantic>
  $<$<AND:$<BOOL:${EMBARGO_WERROR}>,$<CXX_COMPILER_ID:GNU,Clang,AppleClang>>:-Werror>)
if(EMBARGO_SANITIZE)
  target_compile_options(embargo_build_flags INTERFACE
    -fsanitize=${EMBARGO_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(embargo_build_flags INTERFACE -fsanitize=${EMBARGO_SANITIZE})
  # GCC's -Wmaybe-uninitialized gives false positives under -fsanitize (in libstdc++'s
  # std::regex and std::function, used by Catch2); the plain build keeps the warning.
  target_compile_options(embargo_build_flags INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
endif()

find_program(EMBARGO_CCACHE ccache)
if(EMBARGO_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${EMBARGO_CCACHE})
endif()
