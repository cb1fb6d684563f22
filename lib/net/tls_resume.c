/* tls_resume.c - the process-wide cache of TLS sessions (see tls_resume.h). */
#include "tls_resume.h"

#include <string.h>

#include "../sys/alloc.h"
#include "../sys/sys.h"

typedef struct kept {
    char *key;           /* NULL: a free slot */
    unsigned char *data; /* mbedtls_ssl_session_save's form */
    size_t len;
    int64_t stored_ms;
    mw_resume_peer peer;
} kept;

static mw_mutex resume_lock = MW_MUTEX_INITIALIZER;
static kept cache[MW_RESUME_MAX];

/* Frees a slot, wiping the secrets. Called with the lock held. */
static void drop(kept *k)
{
    if (k->data != NULL)
        mw_wipe(k->data, k->len);
    mw_free(k->data);
    mw_free(k->key);
    memset(k, 0, sizeof *k);
}

/* The newest session kept under key that is young enough, or NULL; old
 * ones met on the way are dropped. Called with the lock held. */
static kept *find(const char *key, int64_t now)
{
    kept *best = NULL;
    for (size_t i = 0; i < MW_RESUME_MAX; i++) {
        kept *k = &cache[i];
        if (k->key != NULL && now - k->stored_ms > MW_RESUME_MAX_AGE_MS)
            drop(k);
        else if (k->key != NULL && strcmp(k->key, key) == 0 &&
                 (best == NULL || k->stored_ms > best->stored_ms))
            best = k;
    }
    return best;
}

int mw_resume_take(const char *key, mbedtls_ssl_session *session, mw_resume_peer *peer)
{
    mw_mutex_lock(&resume_lock);
    kept *k = find(key, mw_now_ms());
    int loaded = k != NULL && mbedtls_ssl_session_load(session, k->data, k->len) == 0;
    if (loaded)
        *peer = k->peer;
    if (k != NULL)
        drop(k);
    mw_mutex_unlock(&resume_lock);
    return loaded;
}

/* A free slot, or the oldest one freed. Called with the lock held. */
static kept *slot(void)
{
    kept *oldest = &cache[0];
    for (size_t i = 0; i < MW_RESUME_MAX; i++) {
        if (cache[i].key == NULL)
            return &cache[i];
        if (cache[i].stored_ms < oldest->stored_ms)
            oldest = &cache[i];
    }
    drop(oldest);
    return oldest;
}

void mw_resume_put(const char *key, const mbedtls_ssl_session *session,
                   const mw_resume_peer *peer)
{
    size_t len = 0;
    if (mbedtls_ssl_session_save(session, NULL, 0, &len) != MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL)
        return;
    unsigned char *data = mw_malloc(len);
    char *copy = mw_strdup(key);
    if (data == NULL || copy == NULL || mbedtls_ssl_session_save(session, data, len, &len) != 0) {
        if (data != NULL)
            mw_wipe(data, len);
        mw_free(data);
        mw_free(copy);
        return;
    }
    mw_mutex_lock(&resume_lock);
    kept *k = slot();
    k->key = copy;
    k->data = data;
    k->len = len;
    k->stored_ms = mw_now_ms();
    k->peer = *peer;
    mw_mutex_unlock(&resume_lock);
}

void mw_resume_clear(void)
{
    mw_mutex_lock(&resume_lock);
    for (size_t i = 0; i < MW_RESUME_MAX; i++)
        drop(&cache[i]);
    mw_mutex_unlock(&resume_lock);
}
