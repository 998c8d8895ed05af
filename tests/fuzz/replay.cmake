# replay.cmake - runs inputs through the fuzz_parse binary once, without
# fuzzing; the fuzz-seeds and fuzz-crashes ctests (tests/fuzz/CMakeLists.txt).
#
#   cmake -DFUZZER=path/fuzz_parse -DSOURCE_DIR=repo -DWORK_DIR=dir
#         -DWHAT=seeds|crashes -P replay.cmake
#
# seeds:   copies tests/corpus/*.ps1 and tests/golden/**/*.ps1 (found now, at
#          test time) to WORK_DIR/seeds and runs the fuzzer over that corpus
#          with -runs=0: every input executes once.
# crashes: runs each saved reproducer in tests/fuzz/crashes/ on its own, and
#          fails naming every one that still crashes, leaks or hangs.
# The limits are run-fuzz.sh's, except -max_len: replayed files are never cut.
cmake_minimum_required(VERSION 3.20)

foreach(_var FUZZER SOURCE_DIR WORK_DIR WHAT)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "replay.cmake: -D${_var}=... is required")
  endif()
endforeach()
set(_limits -timeout=10 -rss_limit_mb=2048)
if(NOT DEFINED ENV{UBSAN_OPTIONS})
  set(ENV{UBSAN_OPTIONS} print_stacktrace=1) # a stack with each report
endif()

if(WHAT STREQUAL "seeds")
  set(_seeds "${WORK_DIR}/seeds")
  file(REMOVE_RECURSE "${_seeds}")
  file(MAKE_DIRECTORY "${_seeds}")
  file(GLOB _corpus "${SOURCE_DIR}/tests/corpus/*.ps1")
  file(GLOB_RECURSE _golden "${SOURCE_DIR}/tests/golden/*.ps1")
  list(LENGTH _corpus _nc)
  list(LENGTH _golden _ng)
  if(_nc EQUAL 0)
    message(FATAL_ERROR "replay.cmake: no seeds in ${SOURCE_DIR}/tests/corpus")
  endif()
  file(COPY ${_corpus} DESTINATION "${_seeds}")
  # Golden files may share names with corpus files: prefix them.
  foreach(_g IN LISTS _golden)
    get_filename_component(_n "${_g}" NAME)
    configure_file("${_g}" "${_seeds}/golden-${_n}" COPYONLY)
  endforeach()
  message(STATUS "replaying ${_nc} corpus and ${_ng} golden scripts")
  execute_process(COMMAND "${FUZZER}" -runs=0 ${_limits} "${_seeds}"
                  RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "fuzz_parse failed on the seed corpus (exit ${_rc})")
  endif()
elseif(WHAT STREQUAL "crashes")
  file(GLOB _repros LIST_DIRECTORIES false "${SOURCE_DIR}/tests/fuzz/crashes/*")
  list(FILTER _repros EXCLUDE REGEX "/README[^/]*$")
  if(NOT _repros)
    message(STATUS "no saved reproducers in tests/fuzz/crashes/")
    return()
  endif()
  set(_failed)
  foreach(_r IN LISTS _repros)
    execute_process(COMMAND "${FUZZER}" ${_limits} "${_r}"
                    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
    get_filename_component(_n "${_r}" NAME)
    if(_rc EQUAL 0)
      message(STATUS "ok      ${_n}")
    else()
      message(STATUS "FAILED  ${_n} (exit ${_rc})\n${_out}")
      list(APPEND _failed "${_n}")
    endif()
  endforeach()
  if(_failed)
    list(LENGTH _failed _nf)
    message(FATAL_ERROR "${_nf} reproducer(s) still fail: ${_failed}")
  endif()
else()
  message(FATAL_ERROR "replay.cmake: WHAT must be seeds or crashes, not '${WHAT}'")
endif()
