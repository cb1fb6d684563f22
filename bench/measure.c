/*
 * measure.c - runs a command and reports what it cost, to the microsecond:
 *
 *   measure OUTFILE COMMAND [ARGS...]
 *
 * writes "WALL_S CPU_S MAXRSS_KIB" (CPU = user + system of the command and
 * its children) to OUTFILE and exits with the command's status.
 * /usr/bin/time reports CPU in 10 ms steps, too coarse for the fast
 * clients of the benchmark.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: measure OUTFILE COMMAND [ARGS...]\n");
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t child = fork();
    if (child == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child) {
        perror("measure");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    /* RUSAGE_CHILDREN: the command and the children it waited for (the
     * programs a shell command runs) */
    struct rusage children;
    getrusage(RUSAGE_CHILDREN, &children);
    double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    double cpu = seconds(children.ru_utime) + seconds(children.ru_stime);
    FILE *out = fopen(argv[1], "w");
    if (out == NULL) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out, "%.3f %.3f %ld\n", wall, cpu, children.ru_maxrss);
    fclose(out);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
