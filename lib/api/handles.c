/* handles.c - the generation-checked handle table. */
#include "handles.h"

#include "../sys/alloc.h"

/* Handle bits: [proto:2][slot:12][generation:18]. Protocol bits are never
 * 0, so no handle is ever 0; INVALID_CLIENT has protocol 3, never valid. */
#define PROTO_BITS 2
#define SLOT_BITS 12
#define GEN_BITS 18
#define GEN_MASK ((1u << GEN_BITS) - 1)

typedef struct slot {
    uint32_t gen;
    mw_session *s;
} slot;

static mw_mutex table_lock = MW_MUTEX_INITIALIZER;
static slot table[MW_HANDLE_SLOTS];
static unsigned next_free_hint;

static HCLIENT encode(mw_proto proto, unsigned idx, uint32_t gen)
{
    uintptr_t v = ((uintptr_t)gen << (PROTO_BITS + SLOT_BITS)) | ((uintptr_t)idx << PROTO_BITS) |
                  (uintptr_t)proto;
    return (HCLIENT)v;
}

/* Returns the live slot h names, or NULL. Call with the lock held. */
static slot *lookup(HCLIENT h, mw_proto proto)
{
    uintptr_t v = (uintptr_t)h;
    if (h == NULL || h == INVALID_CLIENT || (v & ((1u << PROTO_BITS) - 1)) != (uintptr_t)proto)
        return NULL;
    /* 64 bits wide, so the shift is defined where pointers have 32 */
    if (((uint64_t)v >> (PROTO_BITS + SLOT_BITS + GEN_BITS)) != 0)
        return NULL;
    unsigned idx = (unsigned)((v >> PROTO_BITS) & ((1u << SLOT_BITS) - 1));
    uint32_t gen = (uint32_t)(v >> (PROTO_BITS + SLOT_BITS)) & GEN_MASK;
    slot *sl = &table[idx];
    if (sl->s == NULL || sl->gen != gen || sl->s->proto != proto)
        return NULL;
    return sl;
}

DWORD mw_handles_add(mw_session *s)
{
    mw_mutex_lock(&table_lock);
    for (unsigned i = 0; i < MW_HANDLE_SLOTS; i++) {
        unsigned idx = (next_free_hint + i) % MW_HANDLE_SLOTS;
        slot *sl = &table[idx];
        if (sl->s != NULL)
            continue;
        sl->gen = (sl->gen + 1) & GEN_MASK;
        if (sl->gen == 0)
            sl->gen = 1;
        sl->s = s;
        s->handle = encode(s->proto, idx, sl->gen);
        next_free_hint = idx + 1;
        mw_mutex_unlock(&table_lock);
        return 0;
    }
    mw_mutex_unlock(&table_lock);
    return ST_ERROR_OUT_OF_MEMORY; /* every slot in use */
}

static DWORD check_owner(mw_session *s)
{
    if (s->options & IMAP_OPTION_FREETHREAD)
        return 0;
    return atomic_load(&s->owner) == mw_thread_id() ? 0 : ST_ERROR_NOT_HANDLE_OWNER;
}

static DWORD claim(mw_session *s)
{
    int idle = 0;
    return atomic_compare_exchange_strong(&s->busy, &idle, 1) ? 0 : ST_ERROR_HANDLE_BUSY;
}

DWORD mw_handle_acquire(HCLIENT h, mw_proto proto, mw_session **s_r)
{
    mw_mutex_lock(&table_lock);
    slot *sl = lookup(h, proto);
    DWORD err = sl == NULL ? ST_ERROR_INVALID_HANDLE : check_owner(sl->s);
    if (err == 0 && atomic_load(&sl->s->connecting))
        err = ST_ERROR_IN_PROGRESS;
    if (err == 0)
        err = claim(sl->s);
    if (err == 0)
        *s_r = sl->s;
    mw_mutex_unlock(&table_lock);
    return err;
}

void mw_handle_release(mw_session *s)
{
    atomic_store(&s->busy, 0);
}

DWORD mw_handle_take(HCLIENT h, mw_proto proto, mw_session **s_r)
{
    mw_mutex_lock(&table_lock);
    slot *sl = lookup(h, proto);
    DWORD err = sl == NULL ? ST_ERROR_INVALID_HANDLE : check_owner(sl->s);
    if (err == 0)
        err = claim(sl->s);
    if (err == 0) {
        *s_r = sl->s;
        sl->s = NULL;
    }
    mw_mutex_unlock(&table_lock);
    return err;
}

DWORD mw_handle_visit(HCLIENT h, mw_proto proto, DWORD (*fn)(mw_session *, void *), void *arg)
{
    mw_mutex_lock(&table_lock);
    slot *sl = lookup(h, proto);
    DWORD err = sl == NULL ? ST_ERROR_INVALID_HANDLE : fn(sl->s, arg);
    mw_mutex_unlock(&table_lock);
    return err;
}

mw_session **mw_handles_take_all(mw_proto proto, size_t *n_r)
{
    mw_mutex_lock(&table_lock);
    size_t n = 0;
    for (unsigned i = 0; i < MW_HANDLE_SLOTS; i++)
        n += table[i].s != NULL && table[i].s->proto == proto;
    mw_session **all = n > 0 ? mw_calloc(n, sizeof *all) : NULL;
    size_t k = 0;
    for (unsigned i = 0; all != NULL && i < MW_HANDLE_SLOTS; i++) {
        if (table[i].s != NULL && table[i].s->proto == proto) {
            all[k++] = table[i].s;
            table[i].s = NULL;
        }
    }
    mw_mutex_unlock(&table_lock);
    *n_r = k;
    return all;
}
