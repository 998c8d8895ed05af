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

  add_executable(test_bind ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_bind.c)
  target_link_libraries(test_bind PRIVATE emsh_cmdlets PkgConfig::CMOCKA)
  set_target_properties(test_bind PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-bind COMMAND test_bind)
  set_tests_properties(unit-bind PROPERTIES LABELS unit TIMEOUT 120)

  add_executable(test_sdrive ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_sdrive.c)
  target_link_libraries(test_sdrive PRIVATE emsh_cmdlets PkgConfig::CMOCKA)
  set_target_properties(test_sdrive PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-sdrive COMMAND test_sdrive)
  set_tests_properties(unit-sdrive PROPERTIES LABELS unit TIMEOUT 120)

  add_executable(test_netio ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_netio.c)
  target_link_libraries(test_netio PRIVATE emsh_cmdlets PkgConfig::CMOCKA)
  set_target_properties(test_netio PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-netio COMMAND test_netio)
  set_tests_properties(unit-netio PROPERTIES LABELS unit TIMEOUT 120)

  add_executable(test_netenc ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_netenc.c)
  target_link_libraries(test_netenc PRIVATE emsh_cmdlets PkgConfig::CMOCKA)
  set_target_properties(test_netenc PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-netenc COMMAND test_netenc)
  set_tests_properties(unit-netenc PROPERTIES LABELS unit TIMEOUT 120)

  add_executable(test_matchctx ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_matchctx.c)
  target_link_libraries(test_matchctx PRIVATE emsh_cmdlets PkgConfig::CMOCKA)
  set_target_properties(test_matchctx PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-matchctx COMMAND test_matchctx)
  set_tests_properties(unit-matchctx PROPERTIES LABELS unit TIMEOUT 120)
endif()
