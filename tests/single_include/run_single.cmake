# Builds and runs a single-header test program (cmake -P). Every source is compiled with an
# explicit command line whose only embargo include directory is INCLUDE_DIR, and the compiler's
# dependency list is checked: a header of include/embargo/ (the source tree, or an installed copy)
# read by a single-header build fails the test.
#   SOURCES      sources of the program, separated by |
#   MODE         single: build against SINGLE_DIR and run
#                compare: also build against PROJECT_INCLUDE_DIR; both must print the same
#   CXX, LAUNCHER (may be empty), FLAGS (space-separated), SYSTEM_DIRS (|-separated), WORK_DIR
string(REPLACE "|" ";" sources "${SOURCES}")
string(REPLACE "|" ";" system_dirs "${SYSTEM_DIRS}")
separate_arguments(flags UNIX_COMMAND "${FLAGS}")
set(isystem)
foreach(d IN LISTS system_dirs)
  list(APPEND isystem -isystem ${d})
endforeach()
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " cmd)
    message(FATAL_ERROR "${what} failed (${rc}):\n${cmd}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

# build(<name> <include dir>): WORK_DIR/<name>/program, its output in <name>_output.
function(build name include_dir)
  set(dir ${WORK_DIR}/${name})
  file(MAKE_DIRECTORY ${dir})
  set(objects)
  foreach(src IN LISTS sources)
    get_filename_component(stem ${src} NAME_WE)
    set(obj ${dir}/${stem}.o)
    # CCACHE_BASEDIR (set by .ci/run) makes ccache write the dependency list with relative paths,
    # which the check below could not tell apart: the launcher runs without it here.
    run("compiling ${src} (${name})" ${CMAKE_COMMAND} -E env --unset=CCACHE_BASEDIR ${LAUNCHER} ${CXX} ${flags} -I${include_dir}
        ${isystem} -MD -MF ${obj}.d -c ${src} -o ${obj})
    file(READ ${obj}.d deps)
    if(name STREQUAL "single")
      if(deps MATCHES "[^ ]*/include/embargo/[^ ]*")
        message(FATAL_ERROR "${src}: the single-header build read ${CMAKE_MATCH_0}: it must see single_include/ only")
      endif()
      string(FIND "${deps}" "${include_dir}/embargo/" used)
      if(used EQUAL -1)
        message(FATAL_ERROR "${src}: the single-header build read nothing from ${include_dir}")
      endif()
    endif()
    list(APPEND objects ${obj})
  endforeach()
  run("linking (${name})" ${CXX} ${flags} ${objects} -o ${dir}/program)
  run("running ${dir}/program" ${dir}/program)
  set(${name}_output "${out}" PARENT_SCOPE)
endfunction()

build(single ${SINGLE_DIR})
if(MODE STREQUAL "compare")
  build(include ${PROJECT_INCLUDE_DIR})
  if(NOT single_output STREQUAL include_output)
    message(FATAL_ERROR "the program prints different results through single_include/ and through include/ "
            "(if include/ changed: python3 scripts/amalgamate.py --check says how to regenerate)\n"
            "--- single_include/:\n${single_output}\n--- include/:\n${include_output}")
  endif()
endif()
message(STATUS "output (${MODE}):\n${single_output}")
