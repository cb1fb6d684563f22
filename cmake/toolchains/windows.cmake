# The Windows cross-build with Debian's mingw-w64, shared by
# windows-x64.cmake and windows-x86.cmake, which set MAILWIRE_MINGW_TRIPLET,
# CMAKE_SYSTEM_PROCESSOR and the Wine that runs the programs they make.
set(CMAKE_SYSTEM_NAME Windows)
# The win32-threads compiler: no libwinpthread-1.dll behind the DLL.
find_program(CMAKE_C_COMPILER NAMES ${MAILWIRE_MINGW_TRIPLET}-gcc-win32 ${MAILWIRE_MINGW_TRIPLET}-gcc REQUIRED)
set(CMAKE_RC_COMPILER ${MAILWIRE_MINGW_TRIPLET}-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${MAILWIRE_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Under Wine, so that ctest can start what the build makes.
if(MAILWIRE_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${MAILWIRE_WINE})
endif()
