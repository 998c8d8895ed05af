# unit-uri: System.Uri parsing and escaping (shell/uri.c).
# Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_uri ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_uri.c)
  target_link_libraries(test_uri PRIVATE emsh_shell PkgConfig::CMOCKA)
  set_target_properties(test_uri PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-uri COMMAND test_uri)
  set_tests_properties(unit-uri PROPERTIES LABELS unit TIMEOUT 120)
endif()
