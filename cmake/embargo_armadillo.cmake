# Armadillo's CMake find module only sets variables; wrap them in an imported target so that
# the embargo::armadillo companion can link to it like to any other target.
macro(embargo_import_armadillo)
  if(NOT TARGET embargo_detail::armadillo)
    find_package(Armadillo REQUIRED)
    add_library(embargo_detail::armadillo INTERFACE IMPORTED)
    set_target_properties(embargo_detail::armadillo PROPERTIES
      INTERFACE_INCLUDE_DIRECTORIES "${ARMADILLO_INCLUDE_DIRS}"
      INTERFACE_LINK_LIBRARIES "${ARMADILLO_LIBRARIES}")
  endif()
endmacro()
