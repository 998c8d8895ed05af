# unit-engine: the cluster engine through its JSON interface: quorum,
# failure detection, BCSS, the mount dial, datacenter switchover, the
# Replay Lag Manager and a randomized fault test of 10,000 steps that
# checks the invariants after each. Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_engine ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_engine.c)
  target_link_libraries(test_engine PRIVATE emsh_engine PkgConfig::CMOCKA)
  set_target_properties(test_engine PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-engine COMMAND test_engine)
  set_tests_properties(unit-engine PROPERTIES LABELS unit TIMEOUT 600)
endif()
