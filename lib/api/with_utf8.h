/*
 * with_utf8.h - the W entry points' shims: convert the wide strings to
 * UTF-8, run the A operation, free them; a failed conversion sets the last
 * error and returns -1 (IMAP_ERROR, POP_ERROR, MIME_ERROR).
 */
#ifndef MW_WITH_UTF8_H
#define MW_WITH_UTF8_H

#include "errors.h"
#include "text.h"

#define WITH_UTF8(w, body)                                  \
    do {                                                    \
        char *w##_u = NULL;                                 \
        DWORD err_ = mw_utf8_from_wide(w, &w##_u);          \
        if (err_ != 0) {                                    \
            mw_set_error(err_);                             \
            return -1;                              \
        }                                                   \
        INT r_ = (body);                                    \
        mw_text_free(&w##_u, 0);                            \
        return r_;                                          \
    } while (0)

/* W shims: convert the wide strings, run the UTF-8 operation, free. */
#define WITH_UTF8(w, body)                                  \
    do {                                                    \
        char *w##_u = NULL;                                 \
        DWORD err_ = mw_utf8_from_wide(w, &w##_u);          \
        if (err_ != 0) {                                    \
            mw_set_error(err_);                             \
            return -1;                              \
        }                                                   \
        INT r_ = (body);                                    \
        mw_text_free(&w##_u, 0);                            \
        return r_;                                          \
    } while (0)

#define WITH_UTF8_2(w1, w2, body)                           \
    do {                                                    \
        char *w1##_u = NULL, *w2##_u = NULL;                \
        DWORD err_ = mw_utf8_from_wide(w1, &w1##_u);        \
        if (err_ == 0)                                      \
            err_ = mw_utf8_from_wide(w2, &w2##_u);          \
        INT r_ = -1;                                \
        if (err_ != 0)                                      \
            mw_set_error(err_);                             \
        else                                                \
            r_ = (body);                                    \
        mw_text_free(&w1##_u, 0);                           \
        mw_text_free(&w2##_u, 0);                           \
        return r_;                                          \
    } while (0)

#define WITH_UTF8_3(w1, w2, w3, body)                       \
    do {                                                    \
        char *w1##_u = NULL, *w2##_u = NULL, *w3##_u = NULL; \
        DWORD err_ = mw_utf8_from_wide(w1, &w1##_u);        \
        if (err_ == 0)                                      \
            err_ = mw_utf8_from_wide(w2, &w2##_u);          \
        if (err_ == 0)                                      \
            err_ = mw_utf8_from_wide(w3, &w3##_u);          \
        INT r_ = -1;                                \
        if (err_ != 0)                                      \
            mw_set_error(err_);                             \
        else                                                \
            r_ = (body);                                    \
        mw_text_free(&w1##_u, 0);                           \
        mw_text_free(&w2##_u, 0);                           \
        mw_text_free(&w3##_u, 0);                           \
        return r_;                                          \
    } while (0)

#endif /* MW_WITH_UTF8_H */
