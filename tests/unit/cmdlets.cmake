# unit-registry, unit-org, unit-bind, unit-sdrive, unit-netio, unit-netenc
# and unit-matchctx: the cmdlet table (cmdlets/registry.c), its generator
# (cmdlets/gen/gen_cmdlets.c, run on the bad metadata under
# tests/fixtures/cmdlets/), the organization cmdlets' glue (cmdlets/c_org.c,
# against a fake backend), the parameter binder (cmdlets/bind.c), the session
# drives' paths (cmdlets/sdrive.c), System.IO.File / Directory
# (cmdlets/netio.c), System.Text.Encoding (cmdlets/netenc.c) and
# Select-String's context lines (cmdlets/matchctx.c).
# Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND AND TARGET emsh_cmdlets)
  add_executable(test_registry ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_registry.c
                               ${PROJECT_SOURCE_DIR}/cmdlets/gen/gen_cmdlets.c)
  target_compile_definitions(test_registry PRIVATE GEN_CMDLETS_NO_MAIN
                             EMSH_CMDLET_FIXTURES="${CMAKE_CURRENT_SOURCE_DIR}/fixtures/cmdlets")
  target_include_directories(test_registry PRIVATE ${PROJECT_SOURCE_DIR}/cmdlets/gen)
  target_link_libraries(test_registry PRIVATE emsh_cmdlets PkgConfig::JANSSON PkgConfig::CMOCKA)
  set_target_properties(test_registry PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-registry COMMAND test_registry)
  set_tests_properties(unit-registry PROPERTIES LABELS unit TIMEOUT 120)

  add_executable(test_org ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_org.c)
  target_link_libraries(test_org PRIVATE emsh_cmdlets PkgConfig::JANSSON PkgConfig::CMOCKA)
  set_target_properties(test_org PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-org COMMAND test_org)
  set_tests_properties(unit-org PROPERTIES LABELS unit TIMEOUT 120)

  # the tests that need the cmdlet library and nothing more
  foreach(name bind sdrive netio netenc matchctx)
    add_executable(test_${name} ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_${name}.c)
    target_link_libraries(test_${name} PRIVATE emsh_cmdlets PkgConfig::CMOCKA)
    set_target_properties(test_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
    add_test(NAME unit-${name} COMMAND test_${name})
    set_tests_properties(unit-${name} PROPERTIES LABELS unit TIMEOUT 120)
  endforeach()
endif()
