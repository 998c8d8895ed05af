/*
** netenc.c - System.Text.Encoding (see netenc.h).
*/
#include "netenc.h"
#include "buf.h"
#include "conv.h"
#include "item.h"
#include "text.h"
#include "types.h"

#include <stdio.h>
#include <string.h>

/* The encodings there are, with .NET's names for them. */
static const struct encoding {
    const char *prop;     /* the static property of Encoding */
    const char *type;     /* its class */
    const char *name;     /* EncodingName */
    const char *web;      /* WebName, BodyName, HeaderName */
    int code_page;        /* CodePage */
    int windows_page;     /* WindowsCodePage */
    bool single_byte;     /* IsSingleByte */
    enum enc enc;         /* the encoder */
} encodings[] = {
    {"UTF8", "System.Text.UTF8Encoding", "Unicode (UTF-8)", "utf-8", 65001, 1200, false, ENC_UTF8},
    {"ASCII", "System.Text.ASCIIEncoding", "US-ASCII", "us-ascii", 20127, 1252, true, ENC_ASCII},
    {"Unicode", "System.Text.UnicodeEncoding", "Unicode", "utf-16", 1200, 1200, false, ENC_UTF16LE},
    {"BigEndianUnicode", "System.Text.UnicodeEncoding", "Unicode (Big-Endian)", "utf-16BE", 1201, 1200, false,
     ENC_UTF16BE},
    {"UTF32", "System.Text.UTF32Encoding", "Unicode (UTF-32)", "utf-32", 12000, 1200, false, ENC_UTF32LE},
};

static bool is_name(const char *name, const char *lit)
{
    return text_ieq(name, strlen(name), lit, strlen(lit));
}

static val encoding_object(const struct encoding *e)
{
    val o = val_obj_new("System.Text.Encoding");
    o = val_obj_insert_type(o, e->type);
    o = val_obj_set(o, "BodyName", val_str_new(e->web));
    o = val_obj_set(o, "EncodingName", val_str_new(e->name));
    o = val_obj_set(o, "HeaderName", val_str_new(e->web));
    o = val_obj_set(o, "WebName", val_str_new(e->web));
    o = val_obj_set(o, "WindowsCodePage", val_int(e->windows_page));
    o = val_obj_set(o, "IsBrowserDisplay", val_bool(e->enc == ENC_UTF8 || e->enc == ENC_UTF16LE));
    o = val_obj_set(o, "IsBrowserSave", val_bool(e->enc == ENC_UTF8 || e->enc == ENC_UTF16LE));
    o = val_obj_set(o, "IsMailNewsDisplay", val_bool(e->enc == ENC_UTF8 || e->enc == ENC_ASCII));
    o = val_obj_set(o, "IsMailNewsSave", val_bool(e->enc == ENC_UTF8 || e->enc == ENC_ASCII));
    o = val_obj_set(o, "IsSingleByte", val_bool(e->single_byte));
    o = val_obj_set(o, "IsReadOnly", val_bool(true));
    o = val_obj_set(o, "CodePage", val_int(e->code_page));
    return val_obj_set(o, "\x01ToString", val_str_new(e->type));
}

/* The encoding of an object that encoding_object() made, or NULL. */
static const struct encoding *encoding_of(val obj)
{
    if (val_kind(obj) != VAL_OBJECT || val_obj_ntypes(obj) < 2 ||
        strcmp(val_obj_type_at(obj, 1), "System.Text.Encoding") != 0)
        return NULL;
    val cp = val_obj_get(obj, "CodePage");
    const struct encoding *found = NULL;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(encodings) && !found; i++)
        if (val_kind(cp) == VAL_INT && cp.u.i == encodings[i].code_page)
            found = &encodings[i];
    val_free(cp);
    return found;
}

/* Bytes as System.Byte[]. */
static val byte_array(const unsigned char *b, size_t n)
{
    val a = val_arr_sized((uint32_t)n);
    for (size_t i = 0; i < n; i++)
        a = val_arr_push(a, val_int(b[i]));
    return val_arr_set_flavour(a, ARR_OBJECT, "System.Byte");
}

enum netobj_rc netenc_static(uint16_t t, const char *name, const val *args, uint32_t na, bool call, val *out,
                             const char **why)
{
    if (t != TY_ENCODING)
        return NETOBJ_NONE;
    if (!call) {
        for (size_t i = 0; i < EMSH_ARRAY_SIZE(encodings); i++)
            if (is_name(name, encodings[i].prop)) {
                *out = encoding_object(&encodings[i]);
                return NETOBJ_OK;
            }
        return NETOBJ_NONE;
    }
    if (!is_name(name, "GetEncoding") || na != 1)
        return NETOBJ_NONE;
    /* by code page, or by a name .NET knows for it */
    int64_t page = 0;
    struct buf s = BUF_INIT;
    bool numeric = val_kind(args[0]) != VAL_STRING && conv_to_int64(args[0], &page, NULL);
    if (!numeric)
        conv_str(args[0], &s);
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(encodings); i++) {
        const struct encoding *e = &encodings[i];
        if (numeric ? page == e->code_page
                    : is_name(buf_cstr(&s), e->web) || is_name(buf_cstr(&s), e->prop) ||
                          (e->enc == ENC_UTF16LE && is_name(buf_cstr(&s), "unicode"))) {
            buf_release(&s);
            *out = encoding_object(e);
            return NETOBJ_OK;
        }
    }
    static char message[512];
    if (numeric)
        snprintf(message, sizeof message, "No data is available for encoding %lld. For information on defining a "
                 "custom encoding, see the documentation for the Encoding.RegisterProvider method.\r\nParameter "
                 "name: codepage", (long long)page);
    else
        snprintf(message, sizeof message, "'%.200s' is not a supported encoding name. For information on defining a "
                 "custom encoding, see the documentation for the Encoding.RegisterProvider method.\r\nParameter "
                 "name: name", buf_cstr(&s));
    buf_release(&s);
    *why = message;
    return NETOBJ_ERROR;
}

enum netobj_rc netenc_call(val obj, const char *name, const val *args, uint32_t na, val *out, const char **why)
{
    const struct encoding *e = encoding_of(obj);
    if (!e)
        return NETOBJ_NONE;
    if (is_name(name, "GetPreamble") && na == 0) {
        struct buf b = BUF_INIT;
        item_encode("", 0, e->enc, e->enc != ENC_ASCII, &b);
        *out = byte_array((const unsigned char *)buf_cstr(&b), b.len);
        buf_release(&b);
        return NETOBJ_OK;
    }
    if (na != 1 || (!is_name(name, "GetBytes") && !is_name(name, "GetByteCount") && !is_name(name, "GetString")))
        return NETOBJ_NONE;
    if (val_is_null(args[0])) {
        *why = is_name(name, "GetString") ? "Array cannot be null.\r\nParameter name: bytes"
                                          : "String reference not set to an instance of a String.\r\nParameter name: s";
        return NETOBJ_ERROR;
    }
    struct buf b = BUF_INIT;
    if (is_name(name, "GetString")) {
        /* the bytes of a byte array (or of one byte) */
        uint32_t n = val_kind(args[0]) == VAL_ARRAY ? val_arr_len(args[0]) : 1;
        struct buf bytes = BUF_INIT;
        for (uint32_t i = 0; i < n; i++) {
            int64_t x = 0;
            conv_to_int64(val_kind(args[0]) == VAL_ARRAY ? val_arr_items(args[0])[i] : args[0], &x, NULL);
            buf_putc(&bytes, (char)x);
        }
        item_decode((const unsigned char *)buf_cstr(&bytes), bytes.len, e->enc, &b);
        buf_release(&bytes);
        *out = val_str_buf(&b);
        return NETOBJ_OK;
    }
    struct buf s = BUF_INIT;
    conv_str(args[0], &s);
    item_encode(buf_cstr(&s), s.len, e->enc, false, &b);
    buf_release(&s);
    *out = is_name(name, "GetByteCount") ? val_int((int32_t)b.len)
                                         : byte_array((const unsigned char *)buf_cstr(&b), b.len);
    buf_release(&b);
    return NETOBJ_OK;
}
