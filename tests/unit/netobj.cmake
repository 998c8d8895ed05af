# unit-netobj: StringBuilder and Stopwatch objects (shell/netobj.c).
# Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_netobj ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_netobj.c)
  target_link_libraries(test_netobj PRIVATE emsh_shell PkgConfig::CMOCKA)
  set_target_properties(test_netobj PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-netobj COMMAND test_netobj)
  set_tests_properties(unit-netobj PROPERTIES LABELS unit TIMEOUT 120)
endif()
