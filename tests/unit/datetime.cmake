# unit-datetime: DateTime and TimeSpan arithmetic, formatting and parsing
# (shell/datetime.c). Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_datetime ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_datetime.c)
  target_link_libraries(test_datetime PRIVATE emsh_shell PkgConfig::CMOCKA)
  set_target_properties(test_datetime PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-datetime COMMAND test_datetime)
  set_tests_properties(unit-datetime PROPERTIES LABELS unit TIMEOUT 120)
endif()
