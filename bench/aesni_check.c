/*
 * aesni_check.c - what the TLS figures rest on: whether the mbedTLS the
 * library links against uses the CPU's AES-NI and PCLMULQDQ instructions,
 * and how fast it decrypts with each AEAD cipher a server may pick, next to
 * nothing else, so a TLS benchmark can be read knowing its ceiling.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "../lib/net/mbedtls_guard.h"
#if MBEDTLS_VERSION_MAJOR < 3
#include <mbedtls/aesni.h> /* private from 3.0 on */
#endif
#include <mbedtls/chachapoly.h>
#include <mbedtls/gcm.h>
#include <stdio.h>
#include <time.h>

#define RECORD 16384               /* a full TLS record */
#define VOLUME (64u * 1024u * 1024u) /* per cipher */

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned char in[RECORD], out[RECORD], key[32], iv[12], tag[16];

/* MB/s of AES-GCM decryption (the tag is computed, not checked: the cost is
 * the same) with a key of bits. */
static double gcm_rate(unsigned bits)
{
    mbedtls_gcm_context g;
    mbedtls_gcm_init(&g);
    mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, bits);
    double t = seconds();
    for (unsigned done = 0; done < VOLUME; done += RECORD)
        mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_DECRYPT, RECORD, iv, sizeof iv, NULL, 0, in, out,
                                  sizeof tag, tag);
    t = seconds() - t;
    mbedtls_gcm_free(&g);
    return VOLUME / 1e6 / t;
}

static double chachapoly_rate(void)
{
    mbedtls_chachapoly_context c;
    mbedtls_chachapoly_init(&c);
    mbedtls_chachapoly_setkey(&c, key);
    double t = seconds();
    for (unsigned done = 0; done < VOLUME; done += RECORD)
        mbedtls_chachapoly_encrypt_and_tag(&c, RECORD, iv, NULL, 0, in, out, tag);
    t = seconds() - t;
    mbedtls_chachapoly_free(&c);
    return VOLUME / 1e6 / t;
}

/* Whether mbedTLS uses an instruction. 3.x keeps its own check private; it
 * asks the CPU the same question at run time, as this does. */
#if MBEDTLS_VERSION_MAJOR < 3
#define USES_AES() mbedtls_aesni_has_support(MBEDTLS_AESNI_AES)
#define USES_CLMUL() mbedtls_aesni_has_support(MBEDTLS_AESNI_CLMUL)
#else
#define USES_AES() __builtin_cpu_supports("aes")
#define USES_CLMUL() __builtin_cpu_supports("pclmul")
#endif

int main(void)
{
#if defined(MBEDTLS_AESNI_C) && (defined(MBEDTLS_HAVE_X86_64) || defined(__x86_64__))
    printf("mbedTLS %s AES-NI: %s, PCLMULQDQ (GCM): %s", MBEDTLS_VERSION_STRING,
           USES_AES() ? "used" : "not available", USES_CLMUL() ? "used" : "not available");
#else
    printf("mbedTLS %s AES-NI: not compiled in", MBEDTLS_VERSION_STRING);
#endif
    printf("; mbedTLS ciphers, MB/s on one core: CHACHA20-POLY1305 %.0f, AES-128-GCM %.0f, "
           "AES-256-GCM %.0f\n",
           chachapoly_rate(), gcm_rate(128), gcm_rate(256));
    return 0;
}
