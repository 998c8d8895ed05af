/*
** text.c - UTF-8 helpers (see text.h).
*/
#include "text.h"

#include <string.h>

uint32_t text_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = *i;
    uint32_t c = u[k];
    int extra = c < 0x80 ? 0 : c >= 0xF8 ? -1 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (extra <= 0 || k + (size_t)extra >= n) {
        *i = k + 1; /* ASCII, a stray byte or a cut sequence: the byte itself */
        return c;
    }
    uint32_t cp = c & (0x3Fu >> extra);
    for (int j = 1; j <= extra; j++) {
        if ((u[k + (size_t)j] & 0xC0) != 0x80) {
            *i = k + 1;
            return c;
        }
        cp = (cp << 6) | (u[k + (size_t)j] & 0x3F);
    }
    *i = k + 1 + (size_t)extra;
    return cp;
}

uint32_t text_fold(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x17F) {
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return (c & 1) ? c + 1 : c;
        if (c == 0x130)
            return 'i';
        return (c & 1) ? c : c + 1;
    }
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return c;
}

uint32_t text_upper(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 32;
    if (c >= 0x100 && c <= 0x17F) {
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return (c & 1) ? c : c - 1;
        return (c & 1) ? c - 1 : c;
    }
    if (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2)
        return c - 32;
    if (c >= 0x430 && c <= 0x44F)
        return c - 32;
    if (c >= 0x450 && c <= 0x45F)
        return c - 80;
    return c;
}

int text_icmp(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    while (i < an && j < bn) {
        unsigned char ca = (unsigned char)a[i], cb = (unsigned char)b[j];
        uint32_t x, y;
        if (ca < 0x80 && cb < 0x80) {
            x = (ca >= 'A' && ca <= 'Z') ? ca + 32u : ca;
            y = (cb >= 'A' && cb <= 'Z') ? cb + 32u : cb;
            i++;
            j++;
        } else {
            x = text_fold(text_next(a, an, &i));
            y = text_fold(text_next(b, bn, &j));
        }
        if (x != y)
            return x < y ? -1 : 1;
    }
    if (i < an)
        return 1;
    if (j < bn)
        return -1;
    return 0;
}

bool text_ieq(const char *a, size_t an, const char *b, size_t bn)
{
    return text_icmp(a, an, b, bn) == 0;
}

uint64_t text_ihash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        uint32_t c;
        if (b < 0x80) { /* ASCII folds by itself: the common case, without decoding */
            c = (b >= 'A' && b <= 'Z') ? b + 32u : b;
            i++;
        } else {
            c = text_fold(text_next(s, n, &i));
        }
        h = (h ^ c) * 1099511628211ULL;
    }
    return h;
}

size_t text_utf16_len(const char *s, size_t n)
{
    size_t units = 0, i = 0;
    while (i < n) {
        uint32_t c = text_next(s, n, &i);
        units += c >= 0x10000 ? 2 : 1;
    }
    return units;
}

size_t text_utf16_offset(const char *s, size_t n, size_t units)
{
    size_t i = 0, u = 0;
    while (i < n && u < units) {
        uint32_t c = text_next(s, n, &i);
        u += c >= 0x10000 ? 2 : 1;
    }
    return i;
}

long text_find(const char *hay, size_t hn, const char *needle, size_t nn, size_t from, bool icase)
{
    if (nn == 0)
        return (long)from;
    for (size_t i = from; i + nn <= hn; i++) {
        if (icase ? text_ieq(hay + i, nn, needle, nn) : memcmp(hay + i, needle, nn) == 0)
            return (long)i;
    }
    return -1;
}
