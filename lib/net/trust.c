/*
 * trust.c - parsed trust anchors shared between sessions (see trust.h).
 *
 * mbedTLS only reads the trusted chain while it verifies a peer, so one
 * parsed copy serves any number of handshakes at once. A store is parsed
 * again when its file or directory has changed since; the old copy lives
 * on until its last session lets go. A few stores no session holds are
 * kept for the next connection.
 */
#include "trust.h"

#include <string.h>

#include "../sys/alloc.h"
#include "../sys/file.h"
#include "../sys/sys.h"

#define SPARE_MAX 4 /* unused stores kept parsed */

struct mw_trust {
    char *file; /* NULL: none (both NULL: the system store) */
    char *path;
    mw_stamp file_stamp, path_stamp;
    unsigned refs;
    int current; /* the newest parse of this file and directory */
    uint64_t serial; /* which parse: never the same for two */
    mbedtls_x509_crt chain;
    mw_trust *next;
};

static mw_mutex trust_lock = MW_MUTEX_INITIALIZER;
static mw_trust *stores;
static uint64_t last_serial; /* under trust_lock */

static int same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int same_stamp(const mw_stamp *a, const mw_stamp *b)
{
    return a->mtime_ns == b->mtime_ns && a->size == b->size;
}

/* What the files look like now; a file that cannot be read stamps as 0. */
static void stamp_now(const char *file, const char *path, mw_stamp *fs, mw_stamp *ps)
{
    memset(fs, 0, sizeof *fs);
    memset(ps, 0, sizeof *ps);
    if (file == NULL && path == NULL) {
        mw_system_roots_stamp(fs, ps);
        return;
    }
    (void)mw_file_stamp(file, fs);
    (void)mw_file_stamp(path, ps);
}

int mw_x509_parse_file(mbedtls_x509_crt *chain, const char *path)
{
    /* Read here, parsed from memory: the path reaches the system as the
     * platform wants it (UTF-16 on Windows), not through mbedTLS's fopen. */
    unsigned char *buf;
    size_t len;
    DWORD err = mw_file_load(path, &buf, &len);
    if (err != 0)
        return err == ST_ERROR_OUT_OF_MEMORY ? MBEDTLS_ERR_X509_ALLOC_FAILED
                                             : MBEDTLS_ERR_X509_FILE_IO_ERROR;
    int rc = mbedtls_x509_crt_parse(chain, buf, len);
    mw_free(buf);
    return rc;
}

/* A file of a CA directory that does not parse is left out, as OpenSSL's
 * hashed directories hold other files too. */
static int add_dir_file(void *chain, const char *path)
{
    (void)mw_x509_parse_file(chain, path);
    return 0;
}

static int add_system_root(void *chain, const unsigned char *data, size_t len)
{
    return mbedtls_x509_crt_parse(chain, data, len);
}

DWORD mw_x509_file_error(int rc)
{
    return rc == MBEDTLS_ERR_X509_ALLOC_FAILED ? ST_ERROR_OUT_OF_MEMORY : ST_ERROR_FILE_IO;
}

static DWORD parse(mw_trust *t)
{
    int rc = t->file != NULL ? mw_x509_parse_file(&t->chain, t->file) : 0;
    if (rc < 0)
        return mw_x509_file_error(rc);
    if (t->path != NULL && mw_dir_each(t->path, add_dir_file, &t->chain) < 0)
        return ST_ERROR_FILE_IO;
    /* No system store at all: verification simply finds no anchor. */
    if (t->file == NULL && t->path == NULL)
        (void)mw_system_roots(add_system_root, &t->chain);
    return 0;
}

static void store_free(mw_trust *t)
{
    mbedtls_x509_crt_free(&t->chain);
    mw_free(t->file);
    mw_free(t->path);
    mw_free(t);
}

static mw_trust *store_new(const char *file, const char *path, DWORD *err_r)
{
    mw_trust *t = mw_calloc(1, sizeof *t);
    *err_r = ST_ERROR_OUT_OF_MEMORY;
    if (t == NULL)
        return NULL;
    mbedtls_x509_crt_init(&t->chain);
    t->file = file != NULL ? mw_strdup(file) : NULL;
    t->path = path != NULL ? mw_strdup(path) : NULL;
    if ((file != NULL && t->file == NULL) || (path != NULL && t->path == NULL)) {
        store_free(t);
        return NULL;
    }
    stamp_now(file, path, &t->file_stamp, &t->path_stamp);
    t->serial = ++last_serial;
    *err_r = parse(t);
    if (*err_r != 0) {
        store_free(t);
        return NULL;
    }
    return t;
}

/* Unlinks and frees the unused stores that are out of date, and the
 * oldest unused ones beyond SPARE_MAX. Called with the lock held. */
static void prune(void)
{
    int spare = 0;
    for (mw_trust **pp = &stores; *pp != NULL;) {
        mw_trust *t = *pp;
        int unused = t->refs == 0;
        if (unused && (!t->current || ++spare > SPARE_MAX)) {
            *pp = t->next;
            store_free(t);
        } else {
            pp = &t->next;
        }
    }
}

static mw_trust *find_current(const char *file, const char *path)
{
    for (mw_trust *t = stores; t != NULL; t = t->next)
        if (t->current && same_text(t->file, file) && same_text(t->path, path))
            return t;
    return NULL;
}

DWORD mw_trust_acquire(const char *ca_file, const char *ca_path, mw_trust **out)
{
    mw_stamp fs, ps;
    DWORD err = 0;
    stamp_now(ca_file, ca_path, &fs, &ps);
    mw_mutex_lock(&trust_lock);
    mw_trust *t = find_current(ca_file, ca_path);
    if (t != NULL && !(same_stamp(&t->file_stamp, &fs) && same_stamp(&t->path_stamp, &ps)))
        t->current = 0; /* rewritten since: parse it again */
    if (t == NULL || !t->current) {
        /* Parsed under the lock: sessions that start together wait for one
         * parse instead of each doing its own. */
        t = store_new(ca_file, ca_path, &err);
        if (t != NULL) {
            t->current = 1;
            t->next = stores;
            stores = t;
        }
    }
    if (t != NULL)
        t->refs++;
    prune();
    mw_mutex_unlock(&trust_lock);
    *out = t;
    return t != NULL ? 0 : err;
}

mbedtls_x509_crt *mw_trust_chain(mw_trust *t)
{
    return &t->chain;
}

uint64_t mw_trust_serial(const mw_trust *t)
{
    return t->serial;
}

void mw_trust_release(mw_trust *t)
{
    if (t == NULL)
        return;
    mw_mutex_lock(&trust_lock);
    t->refs--;
    prune();
    mw_mutex_unlock(&trust_lock);
}

void mw_trust_cleanup(void)
{
    mw_mutex_lock(&trust_lock);
    for (mw_trust **pp = &stores; *pp != NULL;) {
        mw_trust *t = *pp;
        if (t->refs == 0) {
            *pp = t->next;
            store_free(t);
        } else {
            pp = &t->next;
        }
    }
    mw_mutex_unlock(&trust_lock);
}
