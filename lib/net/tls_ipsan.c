/*
 * tls_ipsan.c - IP subjectAltName matching. mbedTLS 2.28 only matches DNS
 * names, so IP literals are checked here by walking the certificate's DER.
 */
#include "tls.h"

#include "mbedtls_guard.h"
#include <mbedtls/asn1.h>
#include <string.h>

#include "../sys/sock.h"

#define SEQ (MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)
#define EXTENSIONS_TAG (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 3)
#define SAN_IP_TAG (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7)

static const unsigned char san_oid[] = {0x55, 0x1D, 0x11}; /* 2.5.29.17 */

static int skip_any(unsigned char **p, const unsigned char *end)
{
    size_t len;
    if (*p >= end || mbedtls_asn1_get_tag(p, end, &len, **p) != 0)
        return -1;
    *p += len;
    return 0;
}

static int names_match_ip(unsigned char *p, const unsigned char *end, const unsigned char *ip,
                          size_t iplen)
{
    size_t len;
    if (mbedtls_asn1_get_tag(&p, end, &len, SEQ) != 0)
        return 0;
    const unsigned char *names_end = p + len;
    while (p < names_end) {
        unsigned char tag = *p;
        if (mbedtls_asn1_get_tag(&p, names_end, &len, tag) != 0)
            return 0;
        if (tag == SAN_IP_TAG && len == iplen && memcmp(p, ip, iplen) == 0)
            return 1;
        p += len;
    }
    return 0;
}

/* Walks Extensions looking for subjectAltName. */
static int extensions_match_ip(unsigned char *p, const unsigned char *end, const unsigned char *ip,
                               size_t iplen)
{
    size_t len;
    if (mbedtls_asn1_get_tag(&p, end, &len, SEQ) != 0)
        return 0;
    const unsigned char *exts_end = p + len;
    while (p < exts_end) {
        if (mbedtls_asn1_get_tag(&p, exts_end, &len, SEQ) != 0)
            return 0;
        unsigned char *ext_end = p + len;
        size_t oidlen;
        if (mbedtls_asn1_get_tag(&p, ext_end, &oidlen, MBEDTLS_ASN1_OID) != 0)
            return 0;
        int is_san = oidlen == sizeof san_oid && memcmp(p, san_oid, oidlen) == 0;
        p += oidlen;
        if (is_san) {
            int critical;
            if (p < ext_end && *p == MBEDTLS_ASN1_BOOLEAN &&
                mbedtls_asn1_get_bool(&p, ext_end, &critical) != 0)
                return 0;
            if (mbedtls_asn1_get_tag(&p, ext_end, &len, MBEDTLS_ASN1_OCTET_STRING) != 0)
                return 0;
            return names_match_ip(p, p + len, ip, iplen);
        }
        p = ext_end;
    }
    return 0;
}

int mw_tls_cert_has_ip(const unsigned char *der, size_t derlen, const char *ip)
{
    unsigned char want[16];
    size_t wantlen = mw_ip_parse(ip, want);
    if (wantlen == 0)
        return 0;

    unsigned char *p = (unsigned char *)der;
    const unsigned char *end = der + derlen;
    size_t len;
    if (mbedtls_asn1_get_tag(&p, end, &len, SEQ) != 0 ||
        mbedtls_asn1_get_tag(&p, end, &len, SEQ) != 0)
        return 0;
    const unsigned char *tbs_end = p + len;
    /* version [0], serial, signature, issuer, validity, subject, spki */
    if (p < tbs_end && *p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0) &&
        skip_any(&p, tbs_end) != 0)
        return 0;
    for (int i = 0; i < 6; i++)
        if (skip_any(&p, tbs_end) != 0)
            return 0;
    while (p < tbs_end) {
        if (*p == EXTENSIONS_TAG) {
            if (mbedtls_asn1_get_tag(&p, tbs_end, &len, EXTENSIONS_TAG) != 0)
                return 0;
            return extensions_match_ip(p, p + len, want, wantlen);
        }
        if (skip_any(&p, tbs_end) != 0)
            return 0;
    }
    return 0;
}
