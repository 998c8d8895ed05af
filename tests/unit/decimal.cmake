# unit-decimal: System.Decimal arithmetic (shell/decimal.c).
# Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_decimal ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_decimal.c)
  target_link_libraries(test_decimal PRIVATE emsh_shell PkgConfig::CMOCKA)
  set_target_properties(test_decimal PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-decimal COMMAND test_decimal)
  set_tests_properties(unit-decimal PROPERTIES LABELS unit TIMEOUT 120)
endif()
