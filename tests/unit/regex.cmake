# unit-regex: .NET regular expressions on PCRE2 (shell/regex.c): syntax
# translation, group numbering, matching, Replace, Split, Escape and the
# .NET error messages. Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_regex ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_regex.c)
  target_link_libraries(test_regex PRIVATE emsh_shell PkgConfig::CMOCKA)
  set_target_properties(test_regex PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-regex COMMAND test_regex)
  set_tests_properties(unit-regex PROPERTIES LABELS unit TIMEOUT 120)
endif()
