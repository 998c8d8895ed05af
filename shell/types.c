/*
** types.c - the type registry (see types.h).
**
** The built-in table gives each type its full name, its accelerator and its
** base; exception types form their own hierarchy for catch clauses. Types
** registered later (enums, T[], List[T], more exception types) are appended.
** A hash index over full names, names without "System." and accelerators
** makes lookups O(1); it is rebuilt when a type is added.
*/
#include "types.h"
#include "text.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    uint16_t id;
    const char *name, *alias;
    enum type_kind kind;
    uint16_t base;
} builtin[] = {
    {TY_OBJECT, "System.Object", "object", TK_CLASS, TY_NONE},
    {TY_PSOBJECT, "System.Management.Automation.PSObject", "psobject", TK_CLASS, TY_OBJECT},
    {TY_PSCUSTOMOBJECT, "System.Management.Automation.PSCustomObject", "pscustomobject", TK_CLASS, TY_OBJECT},
    {TY_VOID, "System.Void", "void", TK_CLASS, TY_OBJECT},
    {TY_NULL, "System.Management.Automation.Language.NullString", "NullString", TK_CLASS, TY_OBJECT},
    {TY_BOOL, "System.Boolean", "bool", TK_CLASS, TY_VALUETYPE},
    {TY_CHAR, "System.Char", "char", TK_CLASS, TY_VALUETYPE},
    {TY_STRING, "System.String", "string", TK_CLASS, TY_OBJECT},
    {TY_BYTE, "System.Byte", "byte", TK_CLASS, TY_VALUETYPE},
    {TY_SBYTE, "System.SByte", "sbyte", TK_CLASS, TY_VALUETYPE},
    {TY_INT16, "System.Int16", "short", TK_CLASS, TY_VALUETYPE},
    {TY_UINT16, "System.UInt16", "ushort", TK_CLASS, TY_VALUETYPE},
    {TY_INT, "System.Int32", "int", TK_CLASS, TY_VALUETYPE},
    {TY_UINT32, "System.UInt32", "uint", TK_CLASS, TY_VALUETYPE},
    {TY_LONG, "System.Int64", "long", TK_CLASS, TY_VALUETYPE},
    {TY_UINT64, "System.UInt64", "ulong", TK_CLASS, TY_VALUETYPE},
    {TY_SINGLE, "System.Single", "float", TK_CLASS, TY_VALUETYPE},
    {TY_DOUBLE, "System.Double", "double", TK_CLASS, TY_VALUETYPE},
    {TY_DECIMAL, "System.Decimal", "decimal", TK_CLASS, TY_VALUETYPE},
    {TY_BIGINT, "System.Numerics.BigInteger", "bigint", TK_CLASS, TY_VALUETYPE},
    {TY_DATETIME, "System.DateTime", "datetime", TK_CLASS, TY_VALUETYPE},
    {TY_TIMESPAN, "System.TimeSpan", "timespan", TK_CLASS, TY_VALUETYPE},
    {TY_GUID, "System.Guid", "guid", TK_CLASS, TY_VALUETYPE},
    {TY_BYTESIZE, "Microsoft.Exchange.Data.ByteQuantifiedSize", NULL, TK_CLASS, TY_VALUETYPE},
    {TY_ENUM_BASE, "System.Enum", NULL, TK_CLASS, TY_VALUETYPE},
    {TY_ARRAY, "System.Array", "array", TK_CLASS, TY_OBJECT},
    {TY_OBJECT_ARRAY, "System.Object[]", NULL, TK_ARRAY, TY_ARRAY},
    {TY_HASHTABLE, "System.Collections.Hashtable", "hashtable", TK_CLASS, TY_OBJECT},
    {TY_ORDERED, "System.Collections.Specialized.OrderedDictionary", "ordered", TK_CLASS, TY_OBJECT},
    {TY_ARRAYLIST, "System.Collections.ArrayList", NULL, TK_CLASS, TY_OBJECT},
    {TY_SCRIPTBLOCK, "System.Management.Automation.ScriptBlock", "scriptblock", TK_CLASS, TY_OBJECT},
    {TY_SWITCH, "System.Management.Automation.SwitchParameter", "switch", TK_CLASS, TY_VALUETYPE},
    {TY_TYPE, "System.Type", "type", TK_CLASS, TY_OBJECT},
    {TY_REGEX, "System.Text.RegularExpressions.Regex", "regex", TK_CLASS, TY_OBJECT},
    {TY_MATH, "System.Math", "math", TK_STATIC, TY_OBJECT},
    {TY_CONVERT, "System.Convert", NULL, TK_STATIC, TY_OBJECT},
    {TY_ENVIRONMENT, "System.Environment", NULL, TK_STATIC, TY_OBJECT},
    {TY_PATH, "System.IO.Path", NULL, TK_STATIC, TY_OBJECT},
    {TY_ERRORRECORD, "System.Management.Automation.ErrorRecord", NULL, TK_CLASS, TY_OBJECT},
    {TY_VERSION, "System.Version", "version", TK_CLASS, TY_OBJECT},
    {TY_IPADDRESS, "System.Net.IPAddress", "ipaddress", TK_CLASS, TY_OBJECT},
    {TY_MAILADDRESS, "System.Net.Mail.MailAddress", "mailaddress", TK_CLASS, TY_OBJECT},
    {TY_URI, "System.Uri", "uri", TK_CLASS, TY_OBJECT},
    {TY_XML, "System.Xml.XmlDocument", "xml", TK_CLASS, TY_OBJECT},
    {TY_STRINGBUILDER, "System.Text.StringBuilder", NULL, TK_CLASS, TY_OBJECT},
    {TY_VALUETYPE, "System.ValueType", NULL, TK_CLASS, TY_OBJECT},
    {TY_COLLECTIONS_IENUMERABLE, "System.Collections.IEnumerable", NULL, TK_INTERFACE, TY_NONE},
    {TY_ICOLLECTION, "System.Collections.ICollection", NULL, TK_INTERFACE, TY_NONE},
    {TY_IDICTIONARY, "System.Collections.IDictionary", NULL, TK_INTERFACE, TY_NONE},
    {TY_ILIST, "System.Collections.IList", NULL, TK_INTERFACE, TY_NONE},
    {TY_REF, "System.Management.Automation.PSReference", "ref", TK_CLASS, TY_OBJECT},
    {TY_STOPWATCH, "System.Diagnostics.Stopwatch", NULL, TK_CLASS, TY_OBJECT},
    {TY_FILE, "System.IO.File", NULL, TK_STATIC, TY_OBJECT},
    {TY_DIRECTORY, "System.IO.Directory", NULL, TK_STATIC, TY_OBJECT},
    {TY_ENCODING, "System.Text.Encoding", NULL, TK_CLASS, TY_OBJECT},
};

/* Exception types scripts catch, each after its base. */
static const struct {
    const char *name, *base;
} exceptions[] = {
    {"System.Exception", NULL},
    {"System.SystemException", "System.Exception"},
    {"System.ApplicationException", "System.Exception"},
    {"System.Management.Automation.RuntimeException", "System.SystemException"},
    {"System.Management.Automation.ActionPreferenceStopException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.PipelineStoppedException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.ParameterBindingException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.CommandNotFoundException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.SessionStateException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.ItemNotFoundException", "System.Management.Automation.SessionStateException"},
    {"System.Management.Automation.DriveNotFoundException", "System.Management.Automation.SessionStateException"},
    {"System.Management.Automation.MethodException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.MethodInvocationException", "System.Management.Automation.MethodException"},
    {"System.Management.Automation.ExtendedTypeSystemException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.SetValueInvocationException", "System.Management.Automation.ExtendedTypeSystemException"},
    {"System.Management.Automation.GetValueInvocationException", "System.Management.Automation.ExtendedTypeSystemException"},
    {"System.Management.Automation.MetadataException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.ValidationMetadataException", "System.Management.Automation.MetadataException"},
    {"System.Management.Automation.ArgumentTransformationMetadataException", "System.Management.Automation.MetadataException"},
    {"System.Management.Automation.ParseException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.ParentContainsErrorRecordException", "System.SystemException"},
    {"System.Management.Automation.WildcardPatternException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.PSSecurityException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.RemoteException", "System.Management.Automation.RuntimeException"},
    {"System.Management.Automation.Host.HostException", "System.Management.Automation.RuntimeException"},
    {"System.ArgumentException", "System.SystemException"},
    {"System.ArgumentNullException", "System.ArgumentException"},
    {"System.ArgumentOutOfRangeException", "System.ArgumentException"},
    {"System.Management.Automation.PSArgumentException", "System.ArgumentException"},
    {"System.Management.Automation.PSArgumentNullException", "System.ArgumentNullException"},
    {"System.Management.Automation.PSArgumentOutOfRangeException", "System.ArgumentOutOfRangeException"},
    {"System.InvalidOperationException", "System.SystemException"},
    {"System.Management.Automation.PSInvalidOperationException", "System.InvalidOperationException"},
    {"System.ObjectDisposedException", "System.InvalidOperationException"},
    {"System.InvalidCastException", "System.SystemException"},
    {"System.Management.Automation.PSInvalidCastException", "System.InvalidCastException"},
    {"System.NotSupportedException", "System.SystemException"},
    {"System.Management.Automation.PSNotSupportedException", "System.NotSupportedException"},
    {"System.NotImplementedException", "System.SystemException"},
    {"System.Management.Automation.PSNotImplementedException", "System.NotImplementedException"},
    {"System.FormatException", "System.SystemException"},
    {"System.ArithmeticException", "System.SystemException"},
    {"System.DivideByZeroException", "System.ArithmeticException"},
    {"System.OverflowException", "System.ArithmeticException"},
    {"System.NullReferenceException", "System.SystemException"},
    {"System.IndexOutOfRangeException", "System.SystemException"},
    {"System.Collections.Generic.KeyNotFoundException", "System.SystemException"},
    {"System.TimeoutException", "System.SystemException"},
    {"System.UnauthorizedAccessException", "System.SystemException"},
    {"System.OutOfMemoryException", "System.SystemException"},
    {"System.IO.IOException", "System.SystemException"},
    {"System.IO.FileNotFoundException", "System.IO.IOException"},
    {"System.IO.DirectoryNotFoundException", "System.IO.IOException"},
    {"System.IO.PathTooLongException", "System.IO.IOException"},
    {"System.IO.EndOfStreamException", "System.IO.IOException"},
    {"System.Net.WebException", "System.InvalidOperationException"},
    {"System.Net.Sockets.SocketException", "System.SystemException"},
    {"System.Security.SecurityException", "System.SystemException"},
    {"System.Xml.XmlException", "System.SystemException"},
    {"System.Text.RegularExpressions.RegexMatchTimeoutException", "System.TimeoutException"},
};

static struct type_info **types; /* by id */
static uint32_t ntypes, types_cap;
static uint32_t *index_ids; /* open addressing: id + 1 */
static uint64_t *index_hash;
static const char **index_keys; /* the name each slot was filed under */
static uint32_t index_cap;

static char *dup(const char *s, size_t n)
{
    return emsh_xstrndup(s, n);
}

static void index_put(const char *key, uint16_t id)
{
    size_t n = strlen(key);
    uint64_t h = text_ihash(key, n);
    uint32_t k = (uint32_t)h & (index_cap - 1);
    while (index_ids[k]) {
        if (index_hash[k] == h && text_ieq(index_keys[k], strlen(index_keys[k]), key, n))
            return; /* the first type filed under a name keeps it */
        k = (k + 1) & (index_cap - 1);
    }
    index_ids[k] = (uint32_t)id + 1;
    index_hash[k] = h;
    index_keys[k] = key;
}

static void index_type(const struct type_info *t)
{
    index_put(t->name, t->id);
    if (strncmp(t->name, "System.", 7) == 0)
        index_put(t->name + 7, t->id);
    if (t->alias)
        index_put(t->alias, t->id);
}

static void rebuild_index(void)
{
    uint32_t cap = 256;
    while (cap < 8 * ntypes)
        cap *= 2;
    free(index_ids);
    free(index_hash);
    free(index_keys);
    index_ids = emsh_xmalloc(cap * sizeof *index_ids);
    index_hash = emsh_xmalloc(cap * sizeof *index_hash);
    index_keys = emsh_xmalloc(cap * sizeof *index_keys);
    memset(index_ids, 0, cap * sizeof *index_ids);
    index_cap = cap;
    for (uint32_t i = 1; i < ntypes; i++)
        if (types[i])
            index_type(types[i]);
}

static uint16_t add_type(struct type_info *t)
{
    if (ntypes == types_cap) {
        types_cap = types_cap ? 2 * types_cap : 128;
        types = emsh_xrealloc(types, types_cap * sizeof *types);
    }
    t->id = (uint16_t)ntypes;
    types[ntypes++] = t;
    if (!index_cap || 8 * ntypes > index_cap)
        rebuild_index();
    else
        index_type(t);
    return t->id;
}

static uint16_t find(const char *name, size_t n)
{
    if (!index_cap)
        return TY_NONE;
    uint64_t h = text_ihash(name, n);
    uint32_t k = (uint32_t)h & (index_cap - 1);
    while (index_ids[k]) {
        if (index_hash[k] == h && text_ieq(index_keys[k], strlen(index_keys[k]), name, n))
            return (uint16_t)(index_ids[k] - 1);
        k = (k + 1) & (index_cap - 1);
    }
    return TY_NONE;
}

static uint16_t generic_of(struct buf *b, enum type_kind kind, uint16_t key, uint16_t elem);

static void init(void)
{
    if (ntypes)
        return;
    types_cap = 256;
    types = emsh_xmalloc(types_cap * sizeof *types);
    memset(types, 0, types_cap * sizeof *types);
    ntypes = TY__BUILTIN_COUNT;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(builtin); i++) {
        struct type_info *t = emsh_xmalloc(sizeof *t);
        memset(t, 0, sizeof *t);
        t->name = builtin[i].name;
        t->alias = builtin[i].alias;
        t->kind = builtin[i].kind;
        t->base = builtin[i].base;
        t->id = builtin[i].id;
        if (t->id == TY_OBJECT_ARRAY)
            t->elem = TY_OBJECT;
        types[t->id] = t;
    }
    rebuild_index();
    /* a few more accelerators PowerShell knows */
    index_put("int32", TY_INT);
    index_put("int64", TY_LONG);
    index_put("int16", TY_INT16);
    index_put("single", TY_SINGLE);
    index_put("boolean", TY_BOOL);
    index_put("uint64", TY_UINT64);
    index_put("uint32", TY_UINT32);
    index_put("uint16", TY_UINT16);
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(exceptions); i++) {
        uint16_t base = exceptions[i].base ? find(exceptions[i].base, strlen(exceptions[i].base))
                                           : TY_OBJECT;
        type_exception(exceptions[i].name, base);
    }
    type_collection(TK_QUEUE, TY_NONE);
    type_collection(TK_STACK, TY_NONE);
}

const struct type_info *type_get(uint16_t id)
{
    init();
    return id < ntypes ? types[id] : NULL;
}

const char *type_name(uint16_t id)
{
    const struct type_info *t = type_get(id);
    return t ? t->name : "System.Object";
}

uint16_t type_exception(const char *full_name, uint16_t base)
{
    init();
    uint16_t id = find(full_name, strlen(full_name));
    if (id != TY_NONE)
        return id;
    struct type_info *t = emsh_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->name = dup(full_name, strlen(full_name));
    t->kind = TK_EXCEPTION;
    t->base = base;
    return add_type(t);
}

uint16_t type_script_class(const char *full_name, uint16_t base)
{
    init();
    uint16_t id = find(full_name, strlen(full_name));
    if (id != TY_NONE && types[id]->kind == TK_SCRIPT_CLASS) {
        types[id]->base = base;
        return id;
    }
    struct type_info *t = emsh_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->name = dup(full_name, strlen(full_name));
    t->kind = TK_SCRIPT_CLASS;
    t->base = base;
    return add_type(t);
}

uint16_t type_enum(const char *full_name, const char *const *names, const int64_t *values,
                   uint32_t n, bool flags)
{
    init();
    struct type_info *t;
    uint16_t id = find(full_name, strlen(full_name));
    if (id != TY_NONE && types[id]->kind == TK_ENUM) {
        t = types[id];
        for (uint32_t i = 0; i < t->nnames; i++)
            free((char *)t->names[i]);
        free(t->names);
        free(t->values);
    } else {
        t = emsh_xmalloc(sizeof *t);
        memset(t, 0, sizeof *t);
        t->name = dup(full_name, strlen(full_name));
        t->kind = TK_ENUM;
        t->base = TY_ENUM_BASE;
        id = TY_NONE;
    }
    t->flags = flags;
    t->nnames = n;
    t->names = emsh_xmalloc((n ? n : 1) * sizeof *t->names);
    t->values = emsh_xmalloc((n ? n : 1) * sizeof *t->values);
    for (uint32_t i = 0; i < n; i++) {
        t->names[i] = dup(names[i], strlen(names[i]));
        t->values[i] = values[i];
    }
    return id != TY_NONE ? id : add_type(t);
}

uint16_t type_array_of(uint16_t elem)
{
    init();
    if (elem == TY_OBJECT)
        return TY_OBJECT_ARRAY;
    const char *en = type_name(elem);
    size_t n = strlen(en);
    char *name = emsh_xmalloc(n + 3);
    memcpy(name, en, n);
    memcpy(name + n, "[]", 3);
    uint16_t id = find(name, n + 2);
    if (id != TY_NONE) {
        free(name);
        return id;
    }
    struct type_info *t = emsh_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->name = name;
    t->kind = TK_ARRAY;
    t->base = TY_ARRAY;
    t->elem = elem;
    return add_type(t);
}

/* The generic type named b (taken over): found, or registered as a kind over
** key and elem types. */
static uint16_t generic_of(struct buf *b, enum type_kind kind, uint16_t key, uint16_t elem)
{
    uint16_t id = find(b->s, b->len);
    if (id != TY_NONE) {
        buf_release(b);
        return id;
    }
    struct type_info *t = emsh_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->name = buf_detach(b, NULL);
    t->kind = kind;
    t->base = TY_OBJECT;
    t->key = key;
    t->elem = elem;
    return add_type(t);
}

/* Dictionary[K,V], named as .NET's Type.ToString() writes it. */
static uint16_t dict_of(uint16_t key, uint16_t value)
{
    struct buf b = BUF_INIT;
    buf_printf(&b, "System.Collections.Generic.Dictionary`2[%s,%s]", type_name(key), type_name(value));
    return generic_of(&b, TK_DICT, key, value);
}

uint16_t type_collection(enum type_kind kind, uint16_t elem)
{
    static const char *const names[] = {[TK_LIST] = "List", [TK_QUEUE] = "Queue", [TK_STACK] = "Stack",
                                        [TK_HASHSET] = "HashSet"};
    struct buf b = BUF_INIT;
    if (elem == TY_NONE)
        buf_printf(&b, "System.Collections.%s", names[kind]);
    else
        buf_printf(&b, "System.Collections.Generic.%s`1[%s]", names[kind], type_name(elem));
    return generic_of(&b, kind, TY_NONE, elem);
}

/* A generic argument's type: "T" or "[T]". */
static uint16_t generic_arg(const char *arg, size_t n)
{
    while (n && arg[0] == ' ')
        arg++, n--;
    while (n && arg[n - 1] == ' ')
        n--;
    if (n >= 2 && arg[0] == '[' && arg[n - 1] == ']') {
        arg++;
        n -= 2;
    }
    return type_lookup(arg, n);
}

/* The generic type of a kind over its arguments arg[0..argn): "T", or "K,V"
** for a dictionary; TY_NONE if one is no type. */
static uint16_t generic_args(enum type_kind kind, const char *arg, size_t argn)
{
    if (kind != TK_DICT) {
        uint16_t elem = generic_arg(arg, argn);
        return elem == TY_NONE ? TY_NONE : type_collection(kind, elem);
    }
    /* the comma between the two arguments, outside any brackets */
    int depth = 0;
    for (size_t i = 0; i < argn; i++) {
        depth += arg[i] == '[' ? 1 : arg[i] == ']' ? -1 : 0;
        if (arg[i] == ',' && depth == 0) {
            uint16_t k = generic_arg(arg, i), v = generic_arg(arg + i + 1, argn - i - 1);
            return k == TY_NONE || v == TY_NONE ? TY_NONE : dict_of(k, v);
        }
    }
    return TY_NONE;
}

/* Splits "Name[args]" at the outermost '[' whose ']' ends the string. */
static bool split_generic(const char *s, size_t n, size_t *open)
{
    if (n < 3 || s[n - 1] != ']')
        return false;
    int depth = 0;
    for (size_t i = n; i-- > 0;) {
        if (s[i] == ']')
            depth++;
        else if (s[i] == '[' && --depth == 0) {
            *open = i;
            return true;
        }
    }
    return false;
}

uint16_t type_lookup(const char *name, size_t n)
{
    init();
    while (n && (name[0] == ' '))
        name++, n--;
    while (n && name[n - 1] == ' ')
        n--;
    uint16_t id = find(name, n);
    if (id != TY_NONE || n < 3)
        return id;
    size_t open;
    if (!split_generic(name, n, &open))
        return TY_NONE;
    const char *arg = name + open + 1;
    size_t argn = n - open - 2;
    /* T[] and T[,] */
    bool rank = true;
    for (size_t i = 0; i < argn; i++)
        if (arg[i] != ',' && arg[i] != ' ')
            rank = false;
    if (rank) {
        uint16_t elem = type_lookup(name, open);
        return elem == TY_NONE ? TY_NONE : type_array_of(elem);
    }
    /* generic types the shell models, by their names in System.Collections.Generic */
    static const struct {
        const char *name;
        enum type_kind kind;
    } generics[] = {{"List", TK_LIST}, {"Dictionary", TK_DICT}, {"HashSet", TK_HASHSET},
                    {"Queue", TK_QUEUE}, {"Stack", TK_STACK}};
    static const char *const spaces[] = {"System.Collections.Generic.", "Collections.Generic.", ""};
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(generics); i++)
        for (size_t k = 0; k < EMSH_ARRAY_SIZE(spaces); k++) {
            size_t pn = strlen(spaces[k]), gn = strlen(generics[i].name);
            if (open == pn + gn && text_ieq(name, pn, spaces[k], pn) &&
                text_ieq(name + pn, gn, generics[i].name, gn))
                return generic_args(generics[i].kind, arg, argn);
        }
    return TY_NONE;
}

/* A generic argument as FullName writes it, with its assembly. */
static void qualified_arg(const char *name, size_t n, struct buf *out)
{
    buf_printf(out, "[%.*s, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]",
               (int)n, name);
}

void type_clr_name(uint16_t id, bool full, struct buf *out)
{
    const struct type_info *t = type_get(id);
    const char *name = t ? t->name : "System.Object";
    /* a generic type's "Name`n[A,B]": Name`n, and each argument with its assembly */
    const char *tick = strchr(name, '`'), *open = tick ? strchr(tick, '[') : NULL;
    size_t n = open ? (size_t)(open - name) : strlen(name);
    if (!full) {
        const char *dot = name + n;
        while (dot > name && dot[-1] != '.')
            dot--;
        buf_add(out, dot, n - (size_t)(dot - name));
        return;
    }
    buf_add(out, name, n);
    if (!open)
        return;
    buf_putc(out, '[');
    const char *arg = open + 1, *end = name + strlen(name) - 1;
    int depth = 0;
    for (const char *p = arg; p <= end; p++) {
        depth += *p == '[' ? 1 : *p == ']' && p != end ? -1 : 0;
        if ((*p == ',' && depth == 0) || p == end) {
            if (arg != open + 1)
                buf_putc(out, ',');
            qualified_arg(arg, (size_t)(p - arg), out);
            arg = p + 1;
        }
    }
    buf_putc(out, ']');
}

bool type_is(uint16_t t, uint16_t of)
{
    init();
    if (of == TY_OBJECT || of == TY_PSOBJECT)
        return t != TY_NONE;
    for (int guard = 0; t != TY_NONE && guard < 64; guard++) {
        if (t == of)
            return true;
        const struct type_info *ti = type_get(t);
        if (!ti)
            return false;
        if (ti->kind == TK_ARRAY && (of == TY_ILIST || of == TY_ICOLLECTION || of == TY_COLLECTIONS_IENUMERABLE))
            return true;
        if (ti->kind == TK_LIST && (of == TY_ILIST || of == TY_ICOLLECTION || of == TY_COLLECTIONS_IENUMERABLE))
            return true;
        if ((ti->kind == TK_QUEUE || ti->kind == TK_STACK || ti->kind == TK_HASHSET) &&
            (of == TY_ICOLLECTION || of == TY_COLLECTIONS_IENUMERABLE))
            return true;
        if ((t == TY_HASHTABLE || t == TY_ORDERED || ti->kind == TK_DICT) &&
            (of == TY_IDICTIONARY || of == TY_ICOLLECTION || of == TY_COLLECTIONS_IENUMERABLE))
            return true;
        if (t == TY_ARRAYLIST && (of == TY_ILIST || of == TY_ICOLLECTION || of == TY_COLLECTIONS_IENUMERABLE))
            return true;
        if (t == TY_STRING && of == TY_COLLECTIONS_IENUMERABLE)
            return true;
        t = ti->base;
    }
    return false;
}

bool type_enum_value(uint16_t id, const char *name, size_t n, int64_t *out)
{
    const struct type_info *t = type_get(id);
    if (!t || t->kind != TK_ENUM)
        return false;
    for (uint32_t i = 0; i < t->nnames; i++) {
        if (text_ieq(t->names[i], strlen(t->names[i]), name, n)) {
            *out = t->values[i];
            return true;
        }
    }
    return false;
}

const char *type_enum_name(uint16_t id, int64_t v)
{
    const struct type_info *t = type_get(id);
    if (!t || t->kind != TK_ENUM)
        return NULL;
    for (uint32_t i = 0; i < t->nnames; i++)
        if (t->values[i] == v)
            return t->names[i];
    return NULL;
}
