# unit-netaddr: System.Net.IPAddress and MailAddress parsing (shell/netaddr.c).
# Included by tests/CMakeLists.txt.
if(CMOCKA_FOUND)
  add_executable(test_netaddr ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_netaddr.c)
  target_link_libraries(test_netaddr PRIVATE emsh_shell PkgConfig::CMOCKA)
  set_target_properties(test_netaddr PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/unit)
  add_test(NAME unit-netaddr COMMAND test_netaddr)
  set_tests_properties(unit-netaddr PROPERTIES LABELS unit TIMEOUT 120)
endif()
