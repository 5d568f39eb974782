# XGBoost's C API (Debian: libxgboost-dev), found by its header and library: the package's own
# CMake config also imports the `xgboost` program, which the -dev package does not install, so
# find_package(xgboost) fails on a plain Debian machine. Sets EMBARGO_XGBOOST_FOUND and, when
# found, wraps the two paths in an imported target like embargo_detail::armadillo.
macro(embargo_import_xgboost)
  if(NOT TARGET embargo_detail::xgboost)
    find_path(EMBARGO_XGBOOST_INCLUDE_DIR xgboost/c_api.h)
    find_library(EMBARGO_XGBOOST_LIBRARY xgboost)
    if(EMBARGO_XGBOOST_INCLUDE_DIR AND EMBARGO_XGBOOST_LIBRARY)
      add_library(embargo_detail::xgboost INTERFACE IMPORTED)
      set_target_properties(embargo_detail::xgboost PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${EMBARGO_XGBOOST_INCLUDE_DIR}"
        INTERFACE_LINK_LIBRARIES "${EMBARGO_XGBOOST_LIBRARY}")
    endif()
  endif()
  if(TARGET embargo_detail::xgboost)
    set(EMBARGO_XGBOOST_FOUND TRUE)
  else()
    set(EMBARGO_XGBOOST_FOUND FALSE)
  endif()
endmacro()
