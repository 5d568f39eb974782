# Configures, builds and runs a consumer project. MODE=find_package first installs embargo into
# a private prefix (a fresh configure of the source tree with everything but the library off: the
# Python module too, whose install step would want the extension built).
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
endfunction()
set(common -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release)
if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/lib ${common} -DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix
      -DEMBARGO_BUILD_TESTS=OFF -DEMBARGO_BUILD_TOOLS=OFF -DEMBARGO_BUILD_EXAMPLES=OFF -DEMBARGO_BUILD_BENCH=OFF
      -DEMBARGO_BUILD_PYTHON=OFF)
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/lib)
  run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/app ${common} -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
else()
  run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/app ${common} -DEMBARGO_SOURCE_DIR=${SOURCE_DIR})
endif()
run(${CMAKE_COMMAND} --build ${WORK_DIR}/app)
run(${WORK_DIR}/app/consumer)
# find_package with the JSON companion installed: the research job runs from the package too.
if(MODE STREQUAL "find_package" AND RESEARCH)
  if(NOT EXISTS ${WORK_DIR}/app/research_consumer)
    message(FATAL_ERROR "embargo::json was expected in the installed package, but research_consumer was not built")
  endif()
  run(${WORK_DIR}/app/research_consumer)
endif()
