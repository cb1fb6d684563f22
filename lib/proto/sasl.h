/*
 * sasl.h - the SASL engine IMAP (AUTHENTICATE) and POP3 (AUTH) share.
 *
 * Mechanisms are pure functions from the server's decoded challenge to the
 * client's response (sasl_mech.c); the engine does base64, the exchange
 * loop and its limits; each protocol plugs in a small mw_sasl_io table.
 */
#ifndef MW_SASL_H
#define MW_SASL_H

#include <stddef.h>

#include "buf.h"
#include "session.h"

typedef enum {
    MW_MECH_NONE = 0,
    MW_MECH_PLAIN,
    MW_MECH_LOGIN,
    MW_MECH_CRAM_MD5,
    MW_MECH_SCRAM_SHA256,
    MW_MECH_XOAUTH2,
    MW_MECH_OAUTHBEARER,
    MW_MECH_ANONYMOUS
} mw_mech;

#define MW_SCRAM_NONCE_LEN 24

typedef struct mw_sasl {
    mw_mech mech;
    int step;
    const char *user;
    const char *secret; /* password or token */
    const char *host;   /* for OAUTHBEARER */
    unsigned port;
    /* SCRAM */
    char nonce[64];
    mw_buf client_first_bare;
    unsigned char server_signature[32];
    int server_verified;
} mw_sasl;

const char *mw_mech_name(mw_mech mech);
/* Client sends the first message (and can use an initial response). */
int mw_mech_client_first(mw_mech mech);

void mw_sasl_init(mw_sasl *x, mw_mech mech, const char *user, const char *secret);
void mw_sasl_free(mw_sasl *x);
/* One step: in = decoded challenge (NULL/0 before the first), out = the
 * raw response. ST_ERROR_PROTOCOL_VIOLATION on a challenge the mechanism
 * cannot accept, ST_ERROR_AUTH_FAILED when the server fails to prove
 * itself (SCRAM). */
DWORD mw_sasl_step(mw_sasl *x, const unsigned char *in, size_t inlen, mw_buf *out);
/* Nonzero when the mechanism's exchange is complete from our side. */
int mw_sasl_complete(const mw_sasl *x);

/* What the server said next. */
typedef enum { MW_SASL_CHALLENGE, MW_SASL_SUCCESS } mw_sasl_reply;

typedef struct mw_sasl_io {
    /* Sends the command that starts mech; ir is base64 or NULL (none). */
    DWORD (*start)(mw_session *s, const char *mech, const char *ir);
    /* Reads the next server reply: a challenge (base64 text in *b64_r) or
     * the final success. A final failure comes back as an error. */
    DWORD (*next)(mw_session *s, mw_sasl_reply *kind_r, const char **b64_r, size_t *len_r);
    /* Sends one base64 response line (traced as ***). */
    DWORD (*respond)(mw_session *s, const char *b64, size_t len);
} mw_sasl_io;

/* Runs a whole exchange. use_ir: the server takes initial responses. */
DWORD mw_sasl_authenticate(mw_session *s, const mw_sasl_io *io, mw_sasl *x, int use_ir);

/* The mechanism of an IMAP_AUTH_* / POP_AUTH_* value both protocols share
 * (PLAIN .. ANONYMOUS); MW_MECH_NONE for the others. */
mw_mech mw_mech_for_auth_type(UINT type);
/* Nonzero when the capabilities list mech as prefix + name ("AUTH=PLAIN"
 * for IMAP, "SASL=PLAIN" for POP3). */
int mw_mech_offered(const mw_session *s, const char *prefix, mw_mech mech);
/* Logs in with mech if the server offers it: the whole exchange, with the
 * secret wiped from the engine's buffers afterwards. */
DWORD mw_sasl_login(mw_session *s, const mw_sasl_io *io, const char *prefix, mw_mech mech,
                    const char *user, const char *secret, int use_ir);
/* The same whatever the capabilities say (an early login, sent before
 * they are known: the server's answer decides). */
DWORD mw_sasl_login_unoffered(mw_session *s, const mw_sasl_io *io, mw_mech mech, const char *user,
                              const char *secret, int use_ir);

/* Base64 helpers (standard alphabet, strict decoding). */
DWORD mw_base64_encode(const unsigned char *in, size_t len, mw_buf *out);
DWORD mw_base64_decode(const char *in, size_t len, mw_buf *out);

#endif /* MW_SASL_H */
