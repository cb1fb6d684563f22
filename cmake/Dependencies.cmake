# mbedTLS and threads.
#
# mbedTLS 3.x comes through its own CMake package (scripts/mbedtls.sh builds
# 3.6 LTS from Debian's source package and prints its prefix); 2.28, which
# Debian 12 ships, through pkg-config or a plain lookup. One version's
# headers and libraries only: with a prefix, nothing is looked for elsewhere.
if(WIN32)
  # Threads, locks and once-init come with kernel32: no pthreads library
  # (and no libwinpthread-1.dll) behind mailwire.dll or its programs.
  add_library(Threads::Threads INTERFACE IMPORTED)
  # Winsock, BCryptGenRandom, the certificate store
  set(MAILWIRE_SYSTEM_LIBRARIES ws2_32 bcrypt crypt32)
  # C99 printf and scanf (%zu, %lld) from mingw's static runtime, not the
  # older msvcrt.dll formats; windows.h without the old winsock.h
  add_compile_definitions(__USE_MINGW_ANSI_STDIO=1 WIN32_LEAN_AND_MEAN)
else()
  find_package(Threads REQUIRED)
  set(MAILWIRE_SYSTEM_LIBRARIES)
endif()

set(MAILWIRE_MBEDTLS_PREFIX "" CACHE PATH
  "mbedTLS install prefix (what scripts/mbedtls.sh prints); empty: CMAKE_PREFIX_PATH, then the system")

# The file behind an imported target (any configuration).
function(mailwire_imported_location target out)
  foreach(prop IMPORTED_LOCATION IMPORTED_LOCATION_RELEASE IMPORTED_LOCATION_RELWITHDEBINFO
      IMPORTED_LOCATION_NOCONFIG IMPORTED_LOCATION_DEBUG)
    get_target_property(loc ${target} ${prop})
    if(loc)
      set(${out} ${loc} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "mbedTLS: no library file for ${target}")
endfunction()

# A build folder switched to another prefix (or back to the system's)
# forgets what it found before, or the old version would stay in its cache.
if(NOT DEFINED MAILWIRE_MBEDTLS_PREFIX_SEEN OR
   NOT "${MAILWIRE_MBEDTLS_PREFIX}" STREQUAL "${MAILWIRE_MBEDTLS_PREFIX_SEEN}")
  foreach(var MbedTLS_DIR MBEDTLS_INCLUDE_DIR MBEDTLS_LIBRARY MBEDX509_LIBRARY MBEDCRYPTO_LIBRARY)
    unset(${var} CACHE)
  endforeach()
  set(MAILWIRE_MBEDTLS_PREFIX_SEEN "${MAILWIRE_MBEDTLS_PREFIX}" CACHE INTERNAL "")
endif()

if(MAILWIRE_MBEDTLS_PREFIX)
  find_package(MbedTLS 3 CONFIG REQUIRED PATHS ${MAILWIRE_MBEDTLS_PREFIX} NO_DEFAULT_PATH
    NO_CMAKE_FIND_ROOT_PATH)
else()
  find_package(MbedTLS 3 CONFIG QUIET)
endif()

if(MbedTLS_FOUND)
  # Plain paths, not the imported targets, so the exported mailwire targets
  # do not need mbedTLS's CMake package to be found again.
  get_target_property(MBEDTLS_INCLUDE_DIR MbedTLS::mbedtls INTERFACE_INCLUDE_DIRECTORIES)
  mailwire_imported_location(MbedTLS::mbedtls MBEDTLS_LIBRARY)
  mailwire_imported_location(MbedTLS::mbedx509 MBEDX509_LIBRARY)
  mailwire_imported_location(MbedTLS::mbedcrypto MBEDCRYPTO_LIBRARY)
  set(MAILWIRE_MBEDTLS_VERSION ${MbedTLS_VERSION})
else()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(MBEDTLS_PC QUIET mbedtls)
  endif()
  find_path(MBEDTLS_INCLUDE_DIR mbedtls/ssl.h HINTS ${MBEDTLS_PC_INCLUDE_DIRS} REQUIRED)
  find_library(MBEDTLS_LIBRARY mbedtls HINTS ${MBEDTLS_PC_LIBRARY_DIRS} REQUIRED)
  find_library(MBEDX509_LIBRARY mbedx509 HINTS ${MBEDTLS_PC_LIBRARY_DIRS} REQUIRED)
  find_library(MBEDCRYPTO_LIBRARY mbedcrypto HINTS ${MBEDTLS_PC_LIBRARY_DIRS} REQUIRED)
  file(STRINGS ${MBEDTLS_INCLUDE_DIR}/mbedtls/version.h version_line
    REGEX "#define MBEDTLS_VERSION_STRING +\"")
  string(REGEX REPLACE ".*\"([0-9.]+)\".*" "\\1" MAILWIRE_MBEDTLS_VERSION "${version_line}")
  if(MAILWIRE_MBEDTLS_VERSION VERSION_LESS 2.28)
    message(FATAL_ERROR "mbedTLS ${MAILWIRE_MBEDTLS_VERSION} in ${MBEDTLS_INCLUDE_DIR}: 2.28 or 3.x needed")
  endif()
endif()
set(MBEDTLS_LIBRARIES ${MBEDTLS_LIBRARY} ${MBEDX509_LIBRARY} ${MBEDCRYPTO_LIBRARY}
  ${MAILWIRE_SYSTEM_LIBRARIES})
message(STATUS "mbedTLS ${MAILWIRE_MBEDTLS_VERSION}: ${MBEDTLS_INCLUDE_DIR}")

# What every target that includes mbedTLS headers links: the one version's
# include directory, its libraries, and its version number, which
# lib/net/mbedtls_guard.h compares with the headers a file actually got.
string(REPLACE "." ";" version_parts "${MAILWIRE_MBEDTLS_VERSION}.0.0")
list(GET version_parts 0 v_major)
list(GET version_parts 1 v_minor)
list(GET version_parts 2 v_patch)
math(EXPR MAILWIRE_MBEDTLS_VERSION_NUMBER "(${v_major} << 24) | (${v_minor} << 16) | (${v_patch} << 8)"
  OUTPUT_FORMAT HEXADECIMAL)
add_library(mailwire_mbedtls INTERFACE)
target_include_directories(mailwire_mbedtls SYSTEM INTERFACE ${MBEDTLS_INCLUDE_DIR})
target_compile_definitions(mailwire_mbedtls INTERFACE
  MAILWIRE_MBEDTLS_VERSION_NUMBER=${MAILWIRE_MBEDTLS_VERSION_NUMBER})
target_link_libraries(mailwire_mbedtls INTERFACE ${MBEDTLS_LIBRARIES})

# zlib, for COMPRESS=DEFLATE (RFC 4978). The Windows DLL links it
# statically (Debian's libz-mingw-w64-dev), so it needs no zlib1.dll.
if(WIN32)
  set(ZLIB_USE_STATIC_LIBS ON)
endif()
find_package(ZLIB REQUIRED)
message(STATUS "zlib ${ZLIB_VERSION_STRING}: ${ZLIB_LIBRARIES}")
