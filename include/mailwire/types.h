/*
 * mailwire/types.h - Win32 base types, calling convention and export macro.
 *
 * On Windows the types come from <windows.h>. Elsewhere this header defines
 * them, unless MAILWIRE_NO_WIN32_TYPES is defined (the application then
 * provides identical definitions itself).
 */
#ifndef MAILWIRE_TYPES_H
#define MAILWIRE_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#if defined(_WIN32)
#include <windows.h>
#elif !defined(MAILWIRE_NO_WIN32_TYPES)

typedef int BOOL;
typedef int INT;
typedef unsigned int UINT;
typedef int32_t LONG;
typedef uint32_t DWORD;
typedef uint64_t ULONGLONG;
typedef uintptr_t DWORD_PTR;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef DWORD *LPDWORD;
typedef char CHAR;
typedef wchar_t WCHAR;
typedef char *LPSTR;
typedef const char *LPCSTR;
typedef wchar_t *LPWSTR;
typedef const wchar_t *LPCWSTR;
typedef void *HGLOBAL;

#ifndef VOID
#define VOID void
#endif
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef WINAPI
#define WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif

#ifdef UNICODE
typedef WCHAR TCHAR;
typedef LPWSTR LPTSTR;
typedef LPCWSTR LPCTSTR;
#else
typedef CHAR TCHAR;
typedef LPSTR LPTSTR;
typedef LPCSTR LPCTSTR;
#endif

#endif /* !_WIN32 && !MAILWIRE_NO_WIN32_TYPES */

/* The one export macro. MAILWIRE_BUILDING is set while the library itself is
 * compiled; MAILWIRE_STATIC when an application links the static library.
 * On Windows the DLL's exports are the names lib/mailwire.def lists, so the
 * library's own objects carry no dllexport: the static library built from
 * them exports nothing from the programs that link it. */
#if defined(_WIN32)
#if defined(MAILWIRE_STATIC) || defined(MAILWIRE_BUILDING)
#define MAILWIRE_API
#else
#define MAILWIRE_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define MAILWIRE_API __attribute__((visibility("default")))
#else
#define MAILWIRE_API
#endif

/* Declares an exported function together with its function-pointer type
 * (PFN_<name>) for applications that load the library at run time. */
#define MAILWIRE_FUNCTION(ret, name, params) \
    typedef ret(WINAPI *PFN_##name) params;  \
    MAILWIRE_API ret WINAPI name params

/* Library version. */
#define MAILWIRE_VERSION_MAJOR 0
#define MAILWIRE_VERSION_MINOR 1
#define MAILWIRE_VERSION_PATCH 0
#define MAILWIRE_VERSION_STRING "0.1.0"

/* An opaque, pointer-sized session handle. */
typedef struct MAILWIRE_CLIENT_TAG *HCLIENT;
#define INVALID_CLIENT ((HCLIENT)(~(uintptr_t)0))

#endif /* MAILWIRE_TYPES_H */
