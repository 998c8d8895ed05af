# unit-wildcard: PowerShell wildcard patterns (shell/wildcard.c).
# Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_wildcard ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_wildcard.c)
  target_link_libraries(test_wildcard PRIVATE emsh_shell PkgConfig::CMOCKA)
  set_target_properties(test_wildcard PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-wildcard COMMAND test_wildcard)
  set_tests_properties(unit-wildcard PROPERTIES LABELS unit TIMEOUT 120)
endif()
