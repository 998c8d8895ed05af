# unit-value: hashtables of shell/value.c, PowerShell's case-insensitive
# keys and the ordinal keys of .NET's generic collections.
# Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_value ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_value.c)
  target_link_libraries(test_value PRIVATE emsh_shell PkgConfig::CMOCKA)
  set_target_properties(test_value PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-value COMMAND test_value)
  set_tests_properties(unit-value PROPERTIES LABELS unit TIMEOUT 120)
endif()
