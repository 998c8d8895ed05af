# unit-scope: scopes and their variables, functions and aliases (shell/scope.c).
# Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND AND TARGET emsh_eval)
  add_executable(test_scope ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_scope.c)
  target_link_libraries(test_scope PRIVATE emsh_eval PkgConfig::CMOCKA)
  set_target_properties(test_scope PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-scope COMMAND test_scope)
  set_tests_properties(unit-scope PROPERTIES LABELS unit TIMEOUT 120)
endif()
