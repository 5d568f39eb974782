# Armadillo's CMake find module only sets variables; wrap them in an imported target so that
# the embargo::armadillo companion can link to it like to any other target.
# embargo_import_armadillo(REQUIRED) in our build; (QUIET) from the installed config, so that a
# consumer without Armadillo can still use everything but embargo::armadillo.
macro(embargo_import_armadillo mode)
  if(NOT TARGET embargo_detail::armadillo)
    find_package(Armadillo ${mode})
    if(ARMADILLO_FOUND)
      add_library(embargo_detail::armadillo INTERFACE IMPORTED)
      set_target_properties(embargo_detail::armadillo PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${ARMADILLO_INCLUDE_DIRS}"
        INTERFACE_LINK_LIBRARIES "${ARMADILLO_LIBRARIES}")
    endif()
  endif()
endmacro()
