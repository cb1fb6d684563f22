/*
 * trust.h - parsed trust anchors, shared. Every session that names the same
 * CA file and directory (or none: the system store) verifies against one
 * parsed copy, read-only, while the files are unchanged. A system bundle of
 * about 150 certificates costs about 460 KB and 4 ms to parse: once per
 * process instead of once per connection.
 */
#ifndef MW_TRUST_H
#define MW_TRUST_H

#include "mbedtls_guard.h"
#include <mbedtls/x509_crt.h>
#include <mailwire/errors.h>
#include <mailwire/types.h>
#include <stdint.h>

typedef struct mw_trust mw_trust;

/* The anchors of ca_file and ca_path (both NULL: the system store), parsed
 * or shared. ST_ERROR_FILE_IO when a named file or directory cannot be
 * read; a missing system store only means no anchor. */
DWORD mw_trust_acquire(const char *ca_file, const char *ca_path, mw_trust **out);
/* The chain to verify against; valid until mw_trust_release. */
mbedtls_x509_crt *mw_trust_chain(mw_trust *t);
/* Which parse this is: a store read again (its files changed) has
 * another serial, so what was verified against the old one is told apart. */
uint64_t mw_trust_serial(const mw_trust *t);
void mw_trust_release(mw_trust *t);
/* Frees every store no session holds (at ImapUninitialize). */
void mw_trust_cleanup(void);

/* Adds the certificates of a PEM or DER file to chain: mbedTLS's
 * mbedtls_x509_crt_parse_file, reading through lib/sys. */
int mw_x509_parse_file(mbedtls_x509_crt *chain, const char *path);
/* What a negative result of it means: ST_ERROR_OUT_OF_MEMORY when memory
 * ran out, else ST_ERROR_FILE_IO. */
DWORD mw_x509_file_error(int rc);

#endif /* MW_TRUST_H */
