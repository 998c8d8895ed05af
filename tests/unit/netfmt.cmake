# unit-netfmt: .NET numeric and composite formatting (shell/netfmt.c).
# Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_netfmt ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_netfmt.c)
  target_link_libraries(test_netfmt PRIVATE emsh_shell PkgConfig::CMOCKA)
  set_target_properties(test_netfmt PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-netfmt COMMAND test_netfmt)
  set_tests_properties(unit-netfmt PROPERTIES LABELS unit TIMEOUT 120)
endif()
