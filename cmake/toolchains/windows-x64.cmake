# Cross-build for Windows x64 with Debian's mingw-w64 (x86_64-w64-mingw32).
# The win32-threads compiler: no libwinpthread-1.dll behind the DLL.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(MAILWIRE_MINGW_TRIPLET x86_64-w64-mingw32)
find_program(CMAKE_C_COMPILER NAMES ${MAILWIRE_MINGW_TRIPLET}-gcc-win32 ${MAILWIRE_MINGW_TRIPLET}-gcc REQUIRED)
set(CMAKE_RC_COMPILER ${MAILWIRE_MINGW_TRIPLET}-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${MAILWIRE_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Under Wine, so that ctest and try_run can start what the build makes.
find_program(MAILWIRE_WINE NAMES wine64 wine PATHS /usr/lib/wine)
if(MAILWIRE_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${MAILWIRE_WINE})
endif()
