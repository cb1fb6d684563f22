/*
 * os.h - what the mailwire tool needs of the operating system: files by
 * UTF-8 name, durable renames, terminals, a clock, Ctrl-C. os_posix.c and
 * os_win32.c implement it; nothing else in src/ includes a system header
 * beyond the C library's.
 */
#ifndef MAILWIRE_OS_H
#define MAILWIRE_OS_H

#include <stddef.h>
#include <stdio.h>

/* Once, first thing in main: UTF-8 arguments and console text, binary
 * standard streams (Windows); nothing to do elsewhere. */
void os_init(int *argc, char ***argv);

/* fopen with a UTF-8 name; the stream is not inherited by child processes
 * and "b" means what it says on every system. */
FILE *os_fopen(const char *path, const char *mode);
/* Flushes f's data to the disk (after fflush). 0 or -1. */
int os_fsync(FILE *f);
/* For files made durable in batches: flushes f now where the file system
 * cannot be flushed as a whole (Windows), does nothing where it can. */
int os_fsync_batched(FILE *f);
/* Makes every file written under dir so far durable: one flush of its
 * file system (syncfs on Linux) instead of one per file. */
int os_sync_files(const char *dir);
/* Flushes a directory's entries to the disk where the system allows it. */
int os_sync_dir(const char *dir);
/* Creates a directory; one already there is fine. 0 or -1. */
int os_mkdir(const char *path);
/* Nonzero for a character that separates a path's levels ('/'; on
 * Windows '\\' too). */
int os_is_separator(char c);
/* Moves from to to unless to exists: 0 moved, 1 to was there (from stays),
 * -1 on error. */
int os_move_new(const char *from, const char *to);
/* Renames from to to, replacing to. 0 or -1. */
int os_rename(const char *from, const char *to);
void os_remove(const char *path);
/* Nonzero when something is there under that name. */
int os_exists(const char *path);
/* The time a file was last written, in seconds since 1970 (UTC). 0 or -1. */
int os_mtime(const char *path, long long *secs);
/* Sets it (the arrival time a Maildir keeps). 0 or -1. */
int os_set_mtime(const char *path, long long secs);
/* Calls fn with each name in dir (not "." or ".."); stops at the first
 * nonzero return and returns it; -1 when dir cannot be read. */
int os_dir_each(const char *dir, int (*fn)(const char *name, void *ctx), void *ctx);

/* Runs command through the system's shell with its output to read from
 * the stream returned (NULL when it could not be run); os_command_status
 * closes it and waits: the exit status, or -1. */
FILE *os_command_output(const char *command);
int os_command_status(FILE *f);
/* Runs command through the system's shell and waits for it: its exit
 * status, or -1 when it could not be run. */
int os_run(const char *command);
/* Sets a variable of this process's environment, which commands it runs
 * inherit. 0 or -1. */
int os_setenv(const char *name, const char *value);

int os_isatty(FILE *f);
/* Columns of the terminal f writes to; 80 when that cannot be told. */
int os_terminal_width(FILE *f);
/* Reads one line from the terminal without echoing it. 0 or -1. */
int os_read_hidden_line(char *buf, size_t cap);

/* Seconds of a monotonic clock. */
double os_seconds(void);
long os_pid(void);
void os_sleep_ms(unsigned ms);

/* Calls fn(ctx) once, from a thread of its own, on Ctrl-C or a request to
 * terminate; os_interrupt_end stops listening. */
int os_interrupt_begin(void (*fn)(void *ctx), void *ctx);
void os_interrupt_end(void);

#endif
