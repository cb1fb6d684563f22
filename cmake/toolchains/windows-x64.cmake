# Cross-build for Windows x64 (x86_64-w64-mingw32); see windows.cmake.
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(MAILWIRE_MINGW_TRIPLET x86_64-w64-mingw32)
# 64-bit Wine; Debian keeps it beside the launcher that picks by architecture
find_program(MAILWIRE_WINE NAMES wine64 wine PATHS /usr/lib/wine)
include(${CMAKE_CURRENT_LIST_DIR}/windows.cmake)
