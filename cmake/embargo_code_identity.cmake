# embargo_code_identity_source(<var>): generates, in the calling folder's build directory, the C++
# file defining embargo::cli::code_identity() (the version and a SHA-256 over every public header,
# cmake/code_identity.cmake), regenerated when a header changes, and sets <var> to its path. The
# tool and the Python module both compile it, so the models and archives they write name the
# same code.
function(embargo_code_identity_source var)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/*.hpp)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/code_identity.cpp)
  add_custom_command(OUTPUT ${out}
                     COMMAND ${CMAKE_COMMAND} -DHEADERS=${PROJECT_SOURCE_DIR}/include -DVERSION=${PROJECT_VERSION}
                             -DOUT=${out} -P ${PROJECT_SOURCE_DIR}/cmake/code_identity.cmake
                     DEPENDS ${headers} ${PROJECT_SOURCE_DIR}/cmake/code_identity.cmake
                     COMMENT "Hashing the headers for the code identity" VERBATIM)
  set(${var} ${out} PARENT_SCOPE)
endfunction()
