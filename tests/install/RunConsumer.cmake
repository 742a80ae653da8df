# Installs the Development component of BUILD_DIR into WORK_DIR/prefix, checks that only
# public headers were installed, then configures, builds and runs the consumer program
# against that prefix. Any failing step fails the test with its output.
cmake_minimum_required(VERSION 3.25) # script mode: IN_LIST and friends
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  message(STATUS "${what}: ok")
endfunction()

run_step("install the Development component"
         ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}" --component Development)

file(GLOB installed RELATIVE "${prefix}/include/hubvault" "${prefix}/include/hubvault/*.h")
list(SORT installed)
foreach(required Repository.h Models.h Errors.h Options.h Progress.h CommitOperation.h ModelJson.h SnapshotExporter.h)
  if(NOT required IN_LIST installed)
    message(FATAL_ERROR "public header ${required} was not installed (installed: ${installed})")
  endif()
endforeach()
foreach(private RepoSession.h MetadataStore.h MergeEngine.h HistorySquasher.h Transaction.h)
  if(private IN_LIST installed)
    message(FATAL_ERROR "private header ${private} was installed")
  endif()
endforeach()
message(STATUS "installed headers: ${installed}")

run_step("configure the consumer"
         ${CMAKE_COMMAND} -S "${CONSUMER_SOURCE}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
         "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" "-DCMAKE_PREFIX_PATH=${prefix}"
         "-DHUBVAULT_FIXTURES_DIR=${FIXTURES_DIR}")
run_step("build the consumer" ${CMAKE_COMMAND} --build "${WORK_DIR}/build")
execute_process(COMMAND "${WORK_DIR}/build/tst_public_api" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the consumer's tests failed (${rc})")
endif()
