/*
 * testsys.h - what the tests need of sockets, the same on POSIX and on
 * Windows (Winsock). Threads, sleeps and clocks the tests take from POSIX,
 * which the Windows tests get from mingw-w64's winpthreads, linked
 * statically into the test programs only.
 */
#ifndef TESTSYS_H
#define TESTSYS_H

#if defined(_WIN32)
#include <winsock2.h>
#include <ws2tcpip.h>
typedef SOCKET test_socket;
#define TEST_NO_SOCKET INVALID_SOCKET
#define test_poll(fds, n, ms) WSAPoll((fds), (n), (ms))
#define test_close_socket closesocket
#define SHUT_RDWR SD_BOTH
#define MSG_NOSIGNAL 0
#define MSG_DONTWAIT 0 /* the tests poll first */
#define SOCK_CLOEXEC 0
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
typedef int test_socket;
#define TEST_NO_SOCKET (-1)
#define test_poll(fds, n, ms) poll((fds), (n), (ms))
#define test_close_socket close
#endif

/* Winsock's WSAStartup, once; nothing elsewhere. */
void test_sockets_init(void);

/* mkdtemp: a new folder named after tmpl ("...XXXXXX"), or NULL. */
char *test_mkdtemp(char *tmpl);

#endif
