/*
 * aesni_check.c - says whether the mbedTLS the library links against uses
 * the CPU's AES-NI and PCLMULQDQ instructions, so that TLS figures can be
 * read knowing whether the cipher ran in hardware.
 */
#include <mbedtls/aesni.h>
#include <stdio.h>

int main(void)
{
#if defined(MBEDTLS_AESNI_C) && defined(MBEDTLS_HAVE_X86_64)
    printf("mbedTLS AES-NI: %s, PCLMULQDQ (GCM): %s\n",
           mbedtls_aesni_has_support(MBEDTLS_AESNI_AES) ? "used" : "not available",
           mbedtls_aesni_has_support(MBEDTLS_AESNI_CLMUL) ? "used" : "not available");
#else
    printf("mbedTLS AES-NI: not compiled in\n");
#endif
    return 0;
}
