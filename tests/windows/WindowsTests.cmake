# WindowsTests.cmake - included by tests/CMakeLists.txt in a Windows build:
# what only Windows has (the DLL's exports and dependencies, UTF-16 paths,
# binary files, the system's root store), checked from the build host or
# run under Wine.

# The DLL and the programs as they ship: exports exactly as mailwire.def
# lists them, no runtime DLL beyond Windows' own, nothing exported from a
# program that links the static library, stdcall names right on x86.
add_test(NAME windows_binaries COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/windows/check_binaries.sh
  ${MAILWIRE_MINGW_TRIPLET} ${PROJECT_SOURCE_DIR}/lib/mailwire.def $<TARGET_FILE:mailwire>
  $<TARGET_LINKER_FILE:mailwire> $<TARGET_FILE:mailwire_static> $<TARGET_FILE:mailwire_cli>
  $<TARGET_FILE:test_alloc_failure>)
set_tests_properties(windows_binaries PROPERTIES LABELS abi)

add_executable(test_windows windows/test_windows.c)
target_compile_options(test_windows PRIVATE ${MAILWIRE_WARNINGS} -Wno-missing-prototypes)
target_link_libraries(test_windows PRIVATE mailwire_testkit mailwire_check crypt32)
add_test(NAME windows_only COMMAND test_windows)
set_tests_properties(windows_only PROPERTIES LABELS integration FIXTURES_REQUIRED dovecot
  TIMEOUT 300 ENVIRONMENT "MAILWIRE_SERVER_ENV=${MAILWIRE_SERVER_DIR}/server.env")
# the same root-store case with the harness's CA among Windows' roots
add_test(NAME windows_root_store COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/windows/with_test_ca.sh
  ${MAILWIRE_SERVER_DIR}/server.env ${MAILWIRE_WINE} $<TARGET_FILE:test_windows>)
set_tests_properties(windows_root_store PROPERTIES LABELS integration FIXTURES_REQUIRED dovecot
  TIMEOUT 120 SKIP_RETURN_CODE 77
  ENVIRONMENT "MAILWIRE_SERVER_ENV=${MAILWIRE_SERVER_DIR}/server.env;CK_RUN_CASE=root_store")
