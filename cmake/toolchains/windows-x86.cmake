# Cross-build for Windows x86 (i686-w64-mingw32); see windows.cmake.
set(CMAKE_SYSTEM_PROCESSOR i686)
set(MAILWIRE_MINGW_TRIPLET i686-w64-mingw32)
find_program(MAILWIRE_WINE NAMES wine)
include(${CMAKE_CURRENT_LIST_DIR}/windows.cmake)
