/* os_posix.c - the mailwire tool's system services on POSIX (see os.h). */
#include "os.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

void os_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

FILE *os_fopen(const char *path, const char *mode)
{
    char m[8];
    snprintf(m, sizeof m, "%se", mode); /* O_CLOEXEC */
    return fopen(path, m);
}

int os_fsync(FILE *f)
{
    return fsync(fileno(f));
}

int os_fsync_batched(FILE *f)
{
#if defined(__linux__)
    (void)f; /* os_sync_files flushes it with the others */
    return 0;
#else
    return fsync(fileno(f));
#endif
}

int os_sync_files(const char *dir)
{
#if defined(__linux__)
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = syncfs(fd);
    close(fd);
    return r;
#else
    (void)dir; /* each file was flushed when it was closed */
    return 0;
#endif
}

int os_sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = fsync(fd);
    close(fd);
    return r;
}

int os_mkdir(const char *path)
{
    return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

int os_is_separator(char c)
{
    return c == '/';
}

int os_move_new(const char *from, const char *to)
{
    if (link(from, to) == 0)
        return unlink(from) == 0 ? 0 : -1;
    if (errno == EEXIST)
        return 1;
    if (errno != EPERM && errno != ENOSYS && errno != EOPNOTSUPP)
        return -1;
    /* a file system without hard links: check, then rename */
    struct stat st;
    if (stat(to, &st) == 0)
        return 1;
    return rename(from, to) == 0 ? 0 : -1;
}

int os_rename(const char *from, const char *to)
{
    return rename(from, to) == 0 ? 0 : -1;
}

void os_remove(const char *path)
{
    unlink(path);
}

int os_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

int os_mtime(const char *path, long long *secs)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    *secs = (long long)st.st_mtime;
    return 0;
}

int os_set_mtime(const char *path, long long secs)
{
    struct timespec times[2] = {{0, UTIME_OMIT}, {(time_t)secs, 0}};
    return utimensat(AT_FDCWD, path, times, 0) == 0 ? 0 : -1;
}

int os_dir_each(const char *dir, int (*fn)(const char *name, void *ctx), void *ctx)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d)) != NULL;)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            rc = fn(e->d_name, ctx);
    closedir(d);
    return rc;
}

FILE *os_command_output(const char *command)
{
    fflush(NULL); /* nothing of ours printed twice by the child */
    return popen(command, "r");
}

int os_command_status(FILE *f)
{
    int status = pclose(f);
    if (status == -1)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int os_run(const char *command)
{
    fflush(NULL);
    int status = system(command);
    if (status == -1)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int os_setenv(const char *name, const char *value)
{
    return setenv(name, value, 1) == 0 ? 0 : -1;
}

int os_terminal_width(FILE *f)
{
    struct winsize ws;
    if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

int os_isatty(FILE *f)
{
    return isatty(fileno(f));
}

int os_read_hidden_line(char *buf, size_t cap)
{
    struct termios old, quiet;
    if (tcgetattr(STDIN_FILENO, &old) != 0)
        return -1;
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    int r = fgets(buf, (int)cap, stdin) != NULL ? 0 : -1;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    return r;
}

double os_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

long os_pid(void)
{
    return (long)getpid();
}

void os_sleep_ms(unsigned ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* ---- Ctrl-C: the signal handler only writes to a pipe (async-signal-safe);
 * a thread reads it and does the rest ---------------------------------------- */

static int interrupt_pipe[2] = {-1, -1};
static pthread_t interrupt_thread;
static void (*interrupt_fn)(void *);
static void *interrupt_ctx;

static void on_signal(int sig)
{
    (void)sig;
    char c = 1;
    ssize_t n = write(interrupt_pipe[1], &c, 1);
    (void)n;
}

static void *interrupt_main(void *arg)
{
    (void)arg;
    char c;
    if (read(interrupt_pipe[0], &c, 1) == 1 && c == 1)
        interrupt_fn(interrupt_ctx);
    return NULL;
}

int os_interrupt_begin(void (*fn)(void *ctx), void *ctx)
{
    if (pipe(interrupt_pipe) != 0)
        return -1;
    interrupt_fn = fn;
    interrupt_ctx = ctx;
    if (pthread_create(&interrupt_thread, NULL, interrupt_main, NULL) != 0) {
        close(interrupt_pipe[0]);
        close(interrupt_pipe[1]);
        return -1;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    return 0;
}

void os_interrupt_end(void)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    char c = 0; /* not a signal: the thread just ends */
    ssize_t n = write(interrupt_pipe[1], &c, 1);
    (void)n;
    pthread_join(interrupt_thread, NULL);
    close(interrupt_pipe[0]);
    close(interrupt_pipe[1]);
}
