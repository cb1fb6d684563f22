/*
 * floor_client.c - the physical floor for a bulk IMAP fetch: one write that
 * pipelines LOGIN, EXAMINE, FETCH SET BODY.PEEK[] and LOGOUT, then reads
 * until the server closes, parsing nothing. No client can do less work, so
 * its time and memory are what the other contenders are measured against.
 *
 *   floor_client HOST PORT USER PASSWORD MAILBOX SET [FILE]
 *
 * With FILE every received byte is written there (the floor for saving a
 * message); otherwise the bytes are discarded. Plain TCP only: over TLS the
 * benchmark uses `openssl s_client` as the floor.
 */
#define _POSIX_C_SOURCE 200809L
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int connect_to(const char *host, const char *port)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *list = NULL;
    if (getaddrinfo(host, port, &hints, &list) != 0)
        return -1;
    int fd = -1;
    for (struct addrinfo *ai = list; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    return fd;
}

static int send_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t n = send(fd, data, length, 0);
        if (n <= 0)
            return -1;
        data += n;
        length -= (size_t)n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 7 && argc != 8) {
        fprintf(stderr, "usage: floor_client HOST PORT USER PASSWORD MAILBOX SET [FILE]\n");
        return 2;
    }
    char commands[1024];
    int length = snprintf(commands, sizeof commands,
                          "a LOGIN \"%s\" \"%s\"\r\nb EXAMINE \"%s\"\r\n"
                          "c FETCH %s BODY.PEEK[]\r\nd LOGOUT\r\n",
                          argv[3], argv[4], argv[5], argv[6]);
    if (length < 0 || (size_t)length >= sizeof commands)
        return 2;
    FILE *out = argc == 8 ? fopen(argv[7], "wb") : NULL;
    int fd = connect_to(argv[1], argv[2]);
    if (fd < 0 || (argc == 8 && out == NULL) || send_all(fd, commands, (size_t)length) != 0) {
        perror("floor_client");
        return 1;
    }
    static char buffer[1 << 16];
    unsigned long long total = 0;
    ssize_t n;
    while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0) {
        total += (unsigned long long)n;
        if (out != NULL && fwrite(buffer, 1, (size_t)n, out) != (size_t)n)
            return 1;
    }
    close(fd);
    if (out != NULL && (fflush(out) != 0 || fsync(fileno(out)) != 0 || fclose(out) != 0))
        return 1;
    printf("%llu bytes\n", total);
    return n < 0 ? 1 : 0;
}
