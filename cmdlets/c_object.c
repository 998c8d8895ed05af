/*
** c_object.c - the object cmdlets of Microsoft.PowerShell.Core and
** Microsoft.PowerShell.Utility: Where-Object, ForEach-Object, Select-Object,
** Sort-Object, Group-Object, Measure-Object, Compare-Object, Tee-Object,
** Get-Unique, New-Object, Add-Member and Get-Member.
**
** Their metadata is in cmdlets/meta/<Name>.json; each handler reads its
** parameters by their index in that file (the enums below). Behaviour
** follows Windows PowerShell 5.1 (the Exchange Management Shell's host):
** ObjectCommandComparer's rules for sorting, grouping and comparing,
** PSPropertyExpression's rules for property names, wildcards and
** calculated properties, and the error ids and texts of the resources.
**
** Members. A value's properties are read the way PowerShell's adapters
** show them: the properties of objects (records and PSCustomObjects), and
** for the .NET types the shell models (strings, numbers, dates, time spans,
** hashtables, arrays) the members listed in the tables of this file, whose
** values come from the evaluator's own member access (a small script block
** `$_[0].($_[1])` run through cmd_invoke), so that there is one source of
** truth for them. A hashtable's keys are not properties, except for
** Where-Object and ForEach-Object, which look them up first as PowerShell
** does.
**
** Members other than note properties (Add-Member's AliasProperty,
** ScriptProperty and ScriptMethod) are stored in the object as a property
** whose value is a member object: a VAL_OBJECT with the hidden property
** "\x01Member" and the type name System.Management.Automation.PSAliasProperty,
** PSScriptProperty or PSScriptMethod, holding ReferencedMemberName (and
** ConversionType), GetterScript and SetterScript, or Script. The cmdlets
** here resolve them (script members run with $this set to the object); the
** evaluator's member access must do the same (see member_value()).
*/
#include "registry.h"

#include "bind.h"
#include "conv.h"
#include "netobj.h"
#include "format.h"
#include "ops.h"
#include "parse.h"
#include "regex.h"
#include "text.h"
#include "types.h"
#include "uri.h"
#include "wildcard.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
** {==================================================================
** Small helpers
** ===================================================================
*/

static const char PSCUSTOM[] = "System.Management.Automation.PSCustomObject";
static const char MEMBER_MARK[] = "\x01Member";
static const char T_ALIAS[] = "System.Management.Automation.PSAliasProperty";
static const char T_SCRIPTPROP[] = "System.Management.Automation.PSScriptProperty";
static const char T_SCRIPTMETHOD[] = "System.Management.Automation.PSScriptMethod";
static const char E_ARG[] = "System.Management.Automation.PSArgumentException";
static const char E_INVOP[] = "System.InvalidOperationException";
static const char E_PSINVOP[] = "System.Management.Automation.PSInvalidOperationException";
static const char E_NOTSUP[] = "System.NotSupportedException";

/* Is a switch parameter on? */
static bool arg_on(struct cmd_ctx *c, uint16_t i)
{
    val v = cmd_arg(c, i);
    return (val_kind(v) == VAL_SWITCH || val_kind(v) == VAL_BOOL) && v.u.b;
}

/* An Int32 parameter's value (0 when unbound). */
static int32_t arg_int(struct cmd_ctx *c, uint16_t i)
{
    val v = cmd_arg(c, i);
    int32_t n = 0;
    if (!val_is_null(v))
        conv_to_int32(v, &n, NULL);
    return n;
}

/* A string parameter's text, or NULL when unbound or $null. */
static const char *arg_str(struct cmd_ctx *c, uint16_t i)
{
    val v = cmd_arg(c, i);
    return val_kind(v) == VAL_STRING ? val_str(v) : NULL;
}

/* Writes a non-terminating error (terminating: throws) with a formatted message. */
static enum ev report(struct cmd_ctx *c, bool terminating, const char *id, const char *category,
                      const char *exception, val target, const char *fmt, ...) EMSH_PRINTF(7, 8);

static enum ev report(struct cmd_ctx *c, bool terminating, const char *id, const char *category,
                      const char *exception, val target, const char *fmt, ...)
{
    struct buf m = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&m, fmt, ap);
    va_end(ap);
    enum ev rc = terminating ? cmd_throw(c, id, category, exception, target, buf_cstr(&m))
                             : cmd_error(c, id, category, exception, target, buf_cstr(&m));
    buf_release(&m);
    return rc;
}

static bool ieq(const char *a, const char *b)
{
    return text_ieq(a, strlen(a), b, strlen(b));
}

/* Is the object a PSCustomObject (whatever type names were put in front)? */
static bool is_custom(val v)
{
    if (val_kind(v) != VAL_OBJECT)
        return false;
    for (uint32_t i = 0; i < val_obj_ntypes(v); i++)
        if (!strcmp(val_obj_type_at(v, i), PSCUSTOM))
            return true;
    return false;
}

/* The .NET type of the value's base object: PSCustomObject for custom objects. */
static const char *base_type_name(val v)
{
    if (is_custom(v))
        return PSCUSTOM;
    if (val_is_null(v))
        return "System.Object";
    return conv_type_name(v);
}

/* The first type name, as PSObject.TypeNames[0] shows it. */
static const char *first_type_name(val v)
{
    return conv_type_name(v);
}

/* The value as a string (PowerShell's conversion), into a buffer the caller releases. */
static void str_of(val v, struct buf *b)
{
    conv_str(v, b);
}

/* .NET's Object.ToString() of a value: collections show their type name. */
static void net_string(val v, struct buf *b)
{
    switch (val_kind(v)) {
    case VAL_ARRAY:
        if (val_arr_flavour(v) == ARR_OBJECT)
            buf_puts(b, "System.Object[]");
        else
            buf_puts(b, conv_type_name(v));
        return;
    case VAL_HASHTABLE:
        buf_puts(b, conv_type_name(v));
        return;
    case VAL_DATETIME:
        dt_format(b, v.u.i, conv_dt_kind(v), NULL, DT_EN_US);
        return;
    default:
        conv_str(v, b);
        return;
    }
}

/* }================================================================== */

/*
** {==================================================================
** Script blocks of our own: member access through the evaluator
** ===================================================================
*/

enum helper {
    H_PROP,   /* one value: ,($_[0].($_[1])) */
    H_MEMBER, /* the value unrolled: $_[0].($_[1]) */
    H_THIS,   /* runs $_[1] with $this = $_[0] and the arguments $_[2] */
    H_CALL0,  /* calls method $_[1] of $_[0] with the arguments $_[2], catching the exception */
    H__COUNT = H_CALL0 + 9
};

/* Parses a script block from text; the result lives until the process ends. */
static val make_block(const char *text)
{
    struct parse_unit *u = parse_unit_new(NULL, text, strlen(text));
    struct sb_unit *su = sb_unit_new(u);
    val sb = val_scriptblock(su, u->root);
    sb_unit_release(su);
    return sb;
}

static val helper(enum helper h)
{
    static val blocks[H__COUNT];
    if (val_kind(blocks[h]) == VAL_SCRIPTBLOCK)
        return blocks[h];
    struct buf t = BUF_INIT;
    switch (h) {
    case H_PROP:
        buf_puts(&t, ",($_[0].($_[1]))");
        break;
    case H_MEMBER:
        buf_puts(&t, "$_[0].($_[1])");
        break;
    case H_THIS:
        buf_puts(&t, "& { $this = $_[0]; $__emsh_args = @($_[2]); & $_[1] @__emsh_args }");
        break;
    default: {
        int n = (int)h - H_CALL0;
        buf_puts(&t, "try { $_[0].($_[1])(");
        for (int i = 0; i < n; i++)
            buf_printf(&t, "%s$_[2][%d]", i ? ", " : "", i);
        buf_puts(&t, ") } catch { @{ '\x01E' = $_.Exception.Message } }");
        break;
    }
    }
    blocks[h] = make_block(buf_cstr(&t));
    buf_release(&t);
    return blocks[h];
}

/* Runs a helper with $_ = @(a, b, args); *out gets what it wrote (new reference). */
static enum ev run_helper(struct cmd_ctx *c, enum helper h, val a, val b, val args, val *out)
{
    val trio = val_arr_sized(3);
    trio = val_arr_push(trio, val_copy(a));
    trio = val_arr_push(trio, val_copy(b));
    trio = val_arr_push(trio, val_copy(args));
    enum ev rc = cmd_invoke(c, helper(h), trio, NULL, 0, out);
    val_free(trio);
    return rc;
}

/* The output of a script block as one value: nothing becomes $null. */
static val one_value(val r)
{
    return val_kind(r) == VAL_NOTHING ? val_null() : r;
}

/* }================================================================== */

/*
** {==================================================================
** The members of the .NET types the shell models (Get-Member's tables)
** ===================================================================
*/

/* PSMemberTypes, by value. */
enum mt {
    MT_ALIAS = 1,
    MT_CODEPROP = 2,
    MT_PROPERTY = 4,
    MT_NOTE = 8,
    MT_SCRIPTPROP = 16,
    MT_PROPERTIES = 31,
    MT_PROPSET = 32,
    MT_METHOD = 64,
    MT_CODEMETHOD = 128,
    MT_SCRIPTMETHOD = 256,
    MT_METHODS = 448,
    MT_PARAMPROP = 512,
    MT_MEMBERSET = 1024,
    MT_EVENT = 2048,
    MT_DYNAMIC = 4096,
    MT_ALL = 8191,
};

static const char *const mt_names[] = {"AliasProperty", "CodeProperty", "Property", "NoteProperty",
                                       "ScriptProperty", "Properties", "PropertySet", "Method",
                                       "CodeMethod", "ScriptMethod", "Methods",
                                       "ParameterizedProperty", "MemberSet", "Event", "Dynamic",
                                       "All"};
static const int64_t mt_values[] = {1, 2, 4, 8, 16, 31, 32, 64, 128, 256, 448, 512, 1024, 2048, 4096, 8191};

static uint16_t mt_type(void)
{
    static uint16_t t;
    if (!t)
        t = type_enum("System.Management.Automation.PSMemberTypes", mt_names, mt_values,
                      (uint32_t)EMSH_ARRAY_SIZE(mt_names), true);
    return t;
}

struct mdef {
    const char *name;
    unsigned kind; /* enum mt */
    const char *def;
};

#define CONV_METHODS                                                                               \
    {"ToBoolean", MT_METHOD, "bool IConvertible.ToBoolean(System.IFormatProvider provider)"},      \
        {"ToByte", MT_METHOD, "byte IConvertible.ToByte(System.IFormatProvider provider)"},        \
        {"ToChar", MT_METHOD, "char IConvertible.ToChar(System.IFormatProvider provider)"},        \
        {"ToDateTime", MT_METHOD,                                                                  \
         "datetime IConvertible.ToDateTime(System.IFormatProvider provider)"},                     \
        {"ToDecimal", MT_METHOD, "decimal IConvertible.ToDecimal(System.IFormatProvider provider)"}, \
        {"ToDouble", MT_METHOD, "double IConvertible.ToDouble(System.IFormatProvider provider)"},  \
        {"ToInt16", MT_METHOD, "int16 IConvertible.ToInt16(System.IFormatProvider provider)"},     \
        {"ToInt32", MT_METHOD, "int IConvertible.ToInt32(System.IFormatProvider provider)"},       \
        {"ToInt64", MT_METHOD, "long IConvertible.ToInt64(System.IFormatProvider provider)"},      \
        {"ToSByte", MT_METHOD, "sbyte IConvertible.ToSByte(System.IFormatProvider provider)"},     \
        {"ToSingle", MT_METHOD, "float IConvertible.ToSingle(System.IFormatProvider provider)"},   \
        {"ToType", MT_METHOD,                                                                      \
         "System.Object IConvertible.ToType(type conversionType, System.IFormatProvider provider)"}, \
        {"ToUInt16", MT_METHOD, "uint16 IConvertible.ToUInt16(System.IFormatProvider provider)"},  \
        {"ToUInt32", MT_METHOD, "uint32 IConvertible.ToUInt32(System.IFormatProvider provider)"},  \
        {"ToUInt64", MT_METHOD, "uint64 IConvertible.ToUInt64(System.IFormatProvider provider)"}

#define NUM_TOSTRING                                                                               \
    "string ToString(), string ToString(string format), string ToString(System.IFormatProvider "   \
    "provider), string ToString(string format, System.IFormatProvider provider), string "          \
    "IFormattable.ToString(string format, System.IFormatProvider formatProvider), string "         \
    "IConvertible.ToString(System.IFormatProvider provider)"

#define NUMBER_MEMBERS(T)                                                                          \
    {"CompareTo", MT_METHOD,                                                                       \
     "int CompareTo(System.Object value), int CompareTo(" T " value), int "                        \
     "IComparable.CompareTo(System.Object obj), int IComparable[" T "].CompareTo(" T " other)"},   \
        {"Equals", MT_METHOD,                                                                      \
         "bool Equals(System.Object obj), bool Equals(" T " obj), bool IEquatable[" T              \
         "].Equals(" T " other)"},                                                                 \
        {"GetHashCode", MT_METHOD, "int GetHashCode()"}, {"GetType", MT_METHOD, "type GetType()"}, \
        {"GetTypeCode", MT_METHOD,                                                                 \
         "System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()"},             \
        CONV_METHODS, {"ToString", MT_METHOD, NUM_TOSTRING}

static const struct mdef m_int[] = {NUMBER_MEMBERS("int")};
static const struct mdef m_long[] = {NUMBER_MEMBERS("long")};
static const struct mdef m_double[] = {NUMBER_MEMBERS("double")};
static const struct mdef m_decimal[] = {NUMBER_MEMBERS("decimal")};

static const struct mdef m_bool[] = {
    {"CompareTo", MT_METHOD,
     "int CompareTo(System.Object obj), int CompareTo(bool value), int IComparable.CompareTo(System.Object obj), int IComparable[bool].CompareTo(bool other)"},
    {"Equals", MT_METHOD,
     "bool Equals(System.Object obj), bool Equals(bool obj), bool IEquatable[bool].Equals(bool other)"},
    {"GetHashCode", MT_METHOD, "int GetHashCode()"},
    {"GetType", MT_METHOD, "type GetType()"},
    {"GetTypeCode", MT_METHOD, "System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()"},
    CONV_METHODS,
    {"ToString", MT_METHOD,
     "string ToString(), string ToString(System.IFormatProvider provider), string IConvertible.ToString(System.IFormatProvider provider)"},
};

static const struct mdef m_string[] = {
    {"Clone", MT_METHOD, "System.Object Clone(), System.Object ICloneable.Clone()"},
    {"CompareTo", MT_METHOD,
     "int CompareTo(System.Object value), int CompareTo(string strB), int IComparable.CompareTo(System.Object obj), int IComparable[string].CompareTo(string other)"},
    {"Contains", MT_METHOD, "bool Contains(string value)"},
    {"CopyTo", MT_METHOD, "void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)"},
    {"EndsWith", MT_METHOD,
     "bool EndsWith(string value), bool EndsWith(string value, System.StringComparison comparisonType), bool EndsWith(string value, bool ignoreCase, cultureinfo culture)"},
    {"Equals", MT_METHOD,
     "bool Equals(System.Object obj), bool Equals(string value), bool Equals(string value, System.StringComparison comparisonType), bool IEquatable[string].Equals(string other)"},
    {"GetEnumerator", MT_METHOD,
     "System.CharEnumerator GetEnumerator(), System.Collections.IEnumerator IEnumerable.GetEnumerator(), System.Collections.Generic.IEnumerator[char] IEnumerable[char].GetEnumerator()"},
    {"GetHashCode", MT_METHOD, "int GetHashCode()"},
    {"GetType", MT_METHOD, "type GetType()"},
    {"GetTypeCode", MT_METHOD, "System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()"},
    {"IndexOf", MT_METHOD,
     "int IndexOf(char value), int IndexOf(char value, int startIndex), int IndexOf(string value), int IndexOf(string value, int startIndex), int IndexOf(string value, int startIndex, int count), int IndexOf(string value, System.StringComparison comparisonType), int IndexOf(string value, int startIndex, System.StringComparison comparisonType), int IndexOf(char value, int startIndex, int count), int IndexOf(string value, int startIndex, int count, System.StringComparison comparisonType)"},
    {"IndexOfAny", MT_METHOD,
     "int IndexOfAny(char[] anyOf), int IndexOfAny(char[] anyOf, int startIndex), int IndexOfAny(char[] anyOf, int startIndex, int count)"},
    {"Insert", MT_METHOD, "string Insert(int startIndex, string value)"},
    {"IsNormalized", MT_METHOD,
     "bool IsNormalized(), bool IsNormalized(System.Text.NormalizationForm normalizationForm)"},
    {"LastIndexOf", MT_METHOD,
     "int LastIndexOf(char value), int LastIndexOf(char value, int startIndex), int LastIndexOf(string value), int LastIndexOf(string value, int startIndex), int LastIndexOf(string value, int startIndex, int count), int LastIndexOf(string value, System.StringComparison comparisonType), int LastIndexOf(string value, int startIndex, System.StringComparison comparisonType), int LastIndexOf(char value, int startIndex, int count), int LastIndexOf(string value, int startIndex, int count, System.StringComparison comparisonType)"},
    {"LastIndexOfAny", MT_METHOD,
     "int LastIndexOfAny(char[] anyOf), int LastIndexOfAny(char[] anyOf, int startIndex), int LastIndexOfAny(char[] anyOf, int startIndex, int count)"},
    {"Normalize", MT_METHOD,
     "string Normalize(), string Normalize(System.Text.NormalizationForm normalizationForm)"},
    {"PadLeft", MT_METHOD, "string PadLeft(int totalWidth), string PadLeft(int totalWidth, char paddingChar)"},
    {"PadRight", MT_METHOD, "string PadRight(int totalWidth), string PadRight(int totalWidth, char paddingChar)"},
    {"Remove", MT_METHOD, "string Remove(int startIndex, int count), string Remove(int startIndex)"},
    {"Replace", MT_METHOD,
     "string Replace(char oldChar, char newChar), string Replace(string oldValue, string newValue)"},
    {"Split", MT_METHOD,
     "string[] Split(Params char[] separator), string[] Split(char[] separator, int count), string[] Split(char[] separator, System.StringSplitOptions options), string[] Split(char[] separator, int count, System.StringSplitOptions options), string[] Split(string[] separator, System.StringSplitOptions options), string[] Split(string[] separator, int count, System.StringSplitOptions options)"},
    {"StartsWith", MT_METHOD,
     "bool StartsWith(string value), bool StartsWith(string value, System.StringComparison comparisonType), bool StartsWith(string value, bool ignoreCase, cultureinfo culture)"},
    {"Substring", MT_METHOD, "string Substring(int startIndex), string Substring(int startIndex, int length)"},
    {"ToBoolean", MT_METHOD, "bool IConvertible.ToBoolean(System.IFormatProvider provider)"},
    {"ToByte", MT_METHOD, "byte IConvertible.ToByte(System.IFormatProvider provider)"},
    {"ToChar", MT_METHOD, "char IConvertible.ToChar(System.IFormatProvider provider)"},
    {"ToCharArray", MT_METHOD, "char[] ToCharArray(), char[] ToCharArray(int startIndex, int length)"},
    {"ToDateTime", MT_METHOD, "datetime IConvertible.ToDateTime(System.IFormatProvider provider)"},
    {"ToDecimal", MT_METHOD, "decimal IConvertible.ToDecimal(System.IFormatProvider provider)"},
    {"ToDouble", MT_METHOD, "double IConvertible.ToDouble(System.IFormatProvider provider)"},
    {"ToInt16", MT_METHOD, "int16 IConvertible.ToInt16(System.IFormatProvider provider)"},
    {"ToInt32", MT_METHOD, "int IConvertible.ToInt32(System.IFormatProvider provider)"},
    {"ToInt64", MT_METHOD, "long IConvertible.ToInt64(System.IFormatProvider provider)"},
    {"ToLower", MT_METHOD, "string ToLower(), string ToLower(cultureinfo culture)"},
    {"ToLowerInvariant", MT_METHOD, "string ToLowerInvariant()"},
    {"ToSByte", MT_METHOD, "sbyte IConvertible.ToSByte(System.IFormatProvider provider)"},
    {"ToSingle", MT_METHOD, "float IConvertible.ToSingle(System.IFormatProvider provider)"},
    {"ToString", MT_METHOD,
     "string ToString(), string ToString(System.IFormatProvider provider), string IConvertible.ToString(System.IFormatProvider provider)"},
    {"ToType", MT_METHOD,
     "System.Object IConvertible.ToType(type conversionType, System.IFormatProvider provider)"},
    {"ToUInt16", MT_METHOD, "uint16 IConvertible.ToUInt16(System.IFormatProvider provider)"},
    {"ToUInt32", MT_METHOD, "uint32 IConvertible.ToUInt32(System.IFormatProvider provider)"},
    {"ToUInt64", MT_METHOD, "uint64 IConvertible.ToUInt64(System.IFormatProvider provider)"},
    {"ToUpper", MT_METHOD, "string ToUpper(), string ToUpper(cultureinfo culture)"},
    {"ToUpperInvariant", MT_METHOD, "string ToUpperInvariant()"},
    {"Trim", MT_METHOD, "string Trim(Params char[] trimChars), string Trim()"},
    {"TrimEnd", MT_METHOD, "string TrimEnd(Params char[] trimChars)"},
    {"TrimStart", MT_METHOD, "string TrimStart(Params char[] trimChars)"},
    {"Chars", MT_PARAMPROP, "char Chars(int index) {get;}"},
    {"Length", MT_PROPERTY, "int Length {get;}"},
};

static const struct mdef m_datetime[] = {
    {"Add", MT_METHOD, "datetime Add(timespan value)"},
    {"AddDays", MT_METHOD, "datetime AddDays(double value)"},
    {"AddHours", MT_METHOD, "datetime AddHours(double value)"},
    {"AddMilliseconds", MT_METHOD, "datetime AddMilliseconds(double value)"},
    {"AddMinutes", MT_METHOD, "datetime AddMinutes(double value)"},
    {"AddMonths", MT_METHOD, "datetime AddMonths(int months)"},
    {"AddSeconds", MT_METHOD, "datetime AddSeconds(double value)"},
    {"AddTicks", MT_METHOD, "datetime AddTicks(long value)"},
    {"AddYears", MT_METHOD, "datetime AddYears(int value)"},
    {"CompareTo", MT_METHOD,
     "int CompareTo(System.Object value), int CompareTo(datetime value), int IComparable.CompareTo(System.Object obj), int IComparable[datetime].CompareTo(datetime other)"},
    {"Equals", MT_METHOD,
     "bool Equals(System.Object value), bool Equals(datetime value), bool IEquatable[datetime].Equals(datetime other)"},
    {"GetDateTimeFormats", MT_METHOD,
     "string[] GetDateTimeFormats(), string[] GetDateTimeFormats(System.IFormatProvider provider), string[] GetDateTimeFormats(char format), string[] GetDateTimeFormats(char format, System.IFormatProvider provider)"},
    {"GetHashCode", MT_METHOD, "int GetHashCode()"},
    {"GetObjectData", MT_METHOD,
     "void ISerializable.GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)"},
    {"GetType", MT_METHOD, "type GetType()"},
    {"GetTypeCode", MT_METHOD, "System.TypeCode GetTypeCode(), System.TypeCode IConvertible.GetTypeCode()"},
    {"IsDaylightSavingTime", MT_METHOD, "bool IsDaylightSavingTime()"},
    {"Subtract", MT_METHOD, "timespan Subtract(datetime value), datetime Subtract(timespan value)"},
    {"ToBinary", MT_METHOD, "long ToBinary()"},
    {"ToBoolean", MT_METHOD, "bool IConvertible.ToBoolean(System.IFormatProvider provider)"},
    {"ToByte", MT_METHOD, "byte IConvertible.ToByte(System.IFormatProvider provider)"},
    {"ToChar", MT_METHOD, "char IConvertible.ToChar(System.IFormatProvider provider)"},
    {"ToDateTime", MT_METHOD, "datetime IConvertible.ToDateTime(System.IFormatProvider provider)"},
    {"ToDecimal", MT_METHOD, "decimal IConvertible.ToDecimal(System.IFormatProvider provider)"},
    {"ToDouble", MT_METHOD, "double IConvertible.ToDouble(System.IFormatProvider provider)"},
    {"ToFileTime", MT_METHOD, "long ToFileTime()"},
    {"ToFileTimeUtc", MT_METHOD, "long ToFileTimeUtc()"},
    {"ToInt16", MT_METHOD, "int16 IConvertible.ToInt16(System.IFormatProvider provider)"},
    {"ToInt32", MT_METHOD, "int IConvertible.ToInt32(System.IFormatProvider provider)"},
    {"ToInt64", MT_METHOD, "long IConvertible.ToInt64(System.IFormatProvider provider)"},
    {"ToLocalTime", MT_METHOD, "datetime ToLocalTime()"},
    {"ToLongDateString", MT_METHOD, "string ToLongDateString()"},
    {"ToLongTimeString", MT_METHOD, "string ToLongTimeString()"},
    {"ToOADate", MT_METHOD, "double ToOADate()"},
    {"ToSByte", MT_METHOD, "sbyte IConvertible.ToSByte(System.IFormatProvider provider)"},
    {"ToShortDateString", MT_METHOD, "string ToShortDateString()"},
    {"ToShortTimeString", MT_METHOD, "string ToShortTimeString()"},
    {"ToSingle", MT_METHOD, "float IConvertible.ToSingle(System.IFormatProvider provider)"},
    {"ToString", MT_METHOD, NUM_TOSTRING},
    {"ToType", MT_METHOD,
     "System.Object IConvertible.ToType(type conversionType, System.IFormatProvider provider)"},
    {"ToUInt16", MT_METHOD, "uint16 IConvertible.ToUInt16(System.IFormatProvider provider)"},
    {"ToUInt32", MT_METHOD, "uint32 IConvertible.ToUInt32(System.IFormatProvider provider)"},
    {"ToUInt64", MT_METHOD, "uint64 IConvertible.ToUInt64(System.IFormatProvider provider)"},
    {"ToUniversalTime", MT_METHOD, "datetime ToUniversalTime()"},
    {"Date", MT_PROPERTY, "datetime Date {get;}"},
    {"Day", MT_PROPERTY, "int Day {get;}"},
    {"DayOfWeek", MT_PROPERTY, "System.DayOfWeek DayOfWeek {get;}"},
    {"DayOfYear", MT_PROPERTY, "int DayOfYear {get;}"},
    {"Hour", MT_PROPERTY, "int Hour {get;}"},
    {"Kind", MT_PROPERTY, "System.DateTimeKind Kind {get;}"},
    {"Millisecond", MT_PROPERTY, "int Millisecond {get;}"},
    {"Minute", MT_PROPERTY, "int Minute {get;}"},
    {"Month", MT_PROPERTY, "int Month {get;}"},
    {"Second", MT_PROPERTY, "int Second {get;}"},
    {"Ticks", MT_PROPERTY, "long Ticks {get;}"},
    {"TimeOfDay", MT_PROPERTY, "timespan TimeOfDay {get;}"},
    {"Year", MT_PROPERTY, "int Year {get;}"},
};

static const struct mdef m_timespan[] = {
    {"Add", MT_METHOD, "timespan Add(timespan ts)"},
    {"CompareTo", MT_METHOD,
     "int CompareTo(System.Object value), int CompareTo(timespan value), int IComparable.CompareTo(System.Object obj), int IComparable[timespan].CompareTo(timespan other)"},
    {"Duration", MT_METHOD, "timespan Duration()"},
    {"Equals", MT_METHOD,
     "bool Equals(System.Object value), bool Equals(timespan obj), bool IEquatable[timespan].Equals(timespan other)"},
    {"GetHashCode", MT_METHOD, "int GetHashCode()"},
    {"GetType", MT_METHOD, "type GetType()"},
    {"Negate", MT_METHOD, "timespan Negate()"},
    {"Subtract", MT_METHOD, "timespan Subtract(timespan ts)"},
    {"ToString", MT_METHOD,
     "string ToString(), string ToString(string format), string ToString(string format, System.IFormatProvider formatProvider), string IFormattable.ToString(string format, System.IFormatProvider formatProvider)"},
    {"Days", MT_PROPERTY, "int Days {get;}"},
    {"Hours", MT_PROPERTY, "int Hours {get;}"},
    {"Milliseconds", MT_PROPERTY, "int Milliseconds {get;}"},
    {"Minutes", MT_PROPERTY, "int Minutes {get;}"},
    {"Seconds", MT_PROPERTY, "int Seconds {get;}"},
    {"Ticks", MT_PROPERTY, "long Ticks {get;}"},
    {"TotalDays", MT_PROPERTY, "double TotalDays {get;}"},
    {"TotalHours", MT_PROPERTY, "double TotalHours {get;}"},
    {"TotalMilliseconds", MT_PROPERTY, "double TotalMilliseconds {get;}"},
    {"TotalMinutes", MT_PROPERTY, "double TotalMinutes {get;}"},
    {"TotalSeconds", MT_PROPERTY, "double TotalSeconds {get;}"},
};

static const struct mdef m_hashtable[] = {
    {"Add", MT_METHOD, "void Add(System.Object key, System.Object value), void IDictionary.Add(System.Object key, System.Object value)"},
    {"Clear", MT_METHOD, "void Clear(), void IDictionary.Clear()"},
    {"Clone", MT_METHOD, "System.Object Clone(), System.Object ICloneable.Clone()"},
    {"Contains", MT_METHOD, "bool Contains(System.Object key), bool IDictionary.Contains(System.Object key)"},
    {"ContainsKey", MT_METHOD, "bool ContainsKey(System.Object key)"},
    {"ContainsValue", MT_METHOD, "bool ContainsValue(System.Object value)"},
    {"CopyTo", MT_METHOD, "void CopyTo(array array, int arrayIndex), void ICollection.CopyTo(array array, int index)"},
    {"Equals", MT_METHOD, "bool Equals(System.Object obj)"},
    {"GetEnumerator", MT_METHOD,
     "System.Collections.IDictionaryEnumerator GetEnumerator(), System.Collections.IDictionaryEnumerator IDictionary.GetEnumerator(), System.Collections.IEnumerator IEnumerable.GetEnumerator()"},
    {"GetHashCode", MT_METHOD, "int GetHashCode()"},
    {"GetObjectData", MT_METHOD,
     "void GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context), void ISerializable.GetObjectData(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context)"},
    {"GetType", MT_METHOD, "type GetType()"},
    {"OnDeserialization", MT_METHOD,
     "void OnDeserialization(System.Object sender), void IDeserializationCallback.OnDeserialization(System.Object sender)"},
    {"Remove", MT_METHOD, "void Remove(System.Object key), void IDictionary.Remove(System.Object key)"},
    {"ToString", MT_METHOD, "string ToString()"},
    {"Item", MT_PARAMPROP, "System.Object Item(System.Object key) {get;set;}"},
    {"Count", MT_PROPERTY, "int Count {get;}"},
    {"IsFixedSize", MT_PROPERTY, "bool IsFixedSize {get;}"},
    {"IsReadOnly", MT_PROPERTY, "bool IsReadOnly {get;}"},
    {"IsSynchronized", MT_PROPERTY, "bool IsSynchronized {get;}"},
    {"Keys", MT_PROPERTY, "System.Collections.ICollection Keys {get;}"},
    {"SyncRoot", MT_PROPERTY, "System.Object SyncRoot {get;}"},
    {"Values", MT_PROPERTY, "System.Collections.ICollection Values {get;}"},
};

static const struct mdef m_array[] = {
    {"Count", MT_ALIAS, "Count = Length"},
    {"Equals", MT_METHOD, "bool Equals(System.Object obj)"},
    {"GetHashCode", MT_METHOD, "int GetHashCode()"},
    {"GetType", MT_METHOD, "type GetType()"},
    {"ToString", MT_METHOD, "string ToString()"},
    {"IsFixedSize", MT_PROPERTY, "bool IsFixedSize {get;}"},
    {"IsReadOnly", MT_PROPERTY, "bool IsReadOnly {get;}"},
    {"IsSynchronized", MT_PROPERTY, "bool IsSynchronized {get;}"},
    {"Length", MT_PROPERTY, "int Length {get;}"},
    {"LongLength", MT_PROPERTY, "long LongLength {get;}"},
    {"Rank", MT_PROPERTY, "int Rank {get;}"},
    {"SyncRoot", MT_PROPERTY, "System.Object SyncRoot {get;}"},
};

/* What every object has: System.Object's methods. */
static const struct mdef m_object[] = {
    {"Equals", MT_METHOD, "bool Equals(System.Object obj)"},
    {"GetHashCode", MT_METHOD, "int GetHashCode()"},
    {"GetType", MT_METHOD, "type GetType()"},
    {"ToString", MT_METHOD, "string ToString()"},
};

/* The member table of a value that is not an object (n gets its size). */
static const struct mdef *net_members(val v, size_t *n)
{
#define T(a) (*n = EMSH_ARRAY_SIZE(a), a)
    switch (val_kind(v)) {
    case VAL_STRING:
        return T(m_string);
    case VAL_INT:
        return T(m_int);
    case VAL_LONG:
        return T(m_long);
    case VAL_DOUBLE:
        return T(m_double);
    case VAL_DECIMAL:
        return T(m_decimal);
    case VAL_BOOL:
        return T(m_bool);
    case VAL_DATETIME:
        return T(m_datetime);
    case VAL_TIMESPAN:
        return T(m_timespan);
    case VAL_HASHTABLE:
        return T(m_hashtable);
    case VAL_ARRAY:
        return T(m_array);
    default:
        return T(m_object);
    }
#undef T
}

/* }================================================================== */

/*
** {==================================================================
** Properties: names, existence and values
** ===================================================================
*/

static bool is_member_obj(val v)
{
    return val_kind(v) == VAL_OBJECT && val_obj_has(v, MEMBER_MARK);
}

/* The PSMemberTypes of a stored property value: a note property unless it is a member object. */
static unsigned stored_kind(val pv)
{
    if (!is_member_obj(pv))
        return MT_NOTE;
    const char *t = val_obj_type_at(pv, 0);
    if (!strcmp(t, T_ALIAS))
        return MT_ALIAS;
    if (!strcmp(t, T_SCRIPTPROP))
        return MT_SCRIPTPROP;
    return MT_SCRIPTMETHOD;
}

/* The stored value of an object's member `name` (borrowed), or VAL_NOTHING. */
static val obj_stored(val o, const char *name)
{
    size_t n = strlen(name);
    for (uint32_t i = 0; i < val_obj_len(o); i++) {
        const char *pn = val_obj_name_at(o, i);
        if (pn[0] != '\x01' && text_ieq(pn, strlen(pn), name, n))
            return val_obj_value_at(o, i);
    }
    return val_nothing();
}

/* The properties (not methods) of an object, by name: the index of name, or -1. */
static int64_t obj_prop_index(val o, const char *name, size_t n)
{
    for (uint32_t i = 0; i < val_obj_len(o); i++) {
        const char *pn = val_obj_name_at(o, i);
        if (pn[0] == '\x01')
            continue;
        if (text_ieq(pn, strlen(pn), name, n))
            return stored_kind(val_obj_value_at(o, i)) == MT_SCRIPTMETHOD ? -1 : (int64_t)i;
    }
    return -1;
}

/*
** The value of a stored member for object o (consumes nothing; *out a new
** reference): an alias reads the member it refers to, a script property
** runs its getter with $this = o.
*/
static enum ev prop_value(struct cmd_ctx *c, val o, const char *name, bool *found, val *out);

static enum ev member_value(struct cmd_ctx *c, val o, val stored, int depth, val *out)
{
    unsigned k = stored_kind(stored);
    if (k == MT_NOTE) {
        *out = val_copy(stored);
        return EV_OK;
    }
    if (k == MT_ALIAS) {
        val ref = val_obj_get(stored, "ReferencedMemberName");
        bool found = false;
        enum ev rc = depth > 16 ? EV_OK : prop_value(c, o, val_str(ref), &found, out);
        val_free(ref);
        if (rc)
            return rc;
        if (!found)
            *out = val_null();
        val ct = val_obj_get(stored, "ConversionType");
        if (val_kind(ct) == VAL_TYPE) {
            val conv;
            struct conv_error err;
            if (conv_to_type(*out, ct.aux, &conv, &err))
                *out = conv;
            else
                *out = val_null();
        }
        val_free(ct);
        return EV_OK;
    }
    if (k == MT_SCRIPTPROP) {
        val getter = val_obj_get(stored, "GetterScript");
        enum ev rc = EV_OK;
        *out = val_null();
        if (val_kind(getter) == VAL_SCRIPTBLOCK) {
            val r;
            val args = val_arr_new();
            rc = run_helper(c, H_THIS, o, getter, args, &r);
            val_free(args);
            if (!rc)
                *out = one_value(r);
        }
        val_free(getter);
        return rc;
    }
    *out = val_null();
    return EV_OK;
}

/*
** Does v have the property `name` (case-insensitive)? *out gets its value
** (a new reference) when it does; *found says whether it does. Objects:
** their properties (alias and script properties resolved); other values:
** the properties of their .NET type, read through the evaluator.
*/
static enum ev prop_value(struct cmd_ctx *c, val v, const char *name, bool *found, val *out)
{
    *found = false;
    *out = val_null();
    if (val_kind(v) == VAL_OBJECT) {
        int64_t i = obj_prop_index(v, name, strlen(name));
        if (i < 0)
            return EV_OK;
        *found = true;
        val stored = val_obj_value_at(v, (uint32_t)i);
        if (!is_member_obj(stored)) {
            *out = val_copy(stored);
            return EV_OK;
        }
        return member_value(c, v, stored, 0, out);
    }
    if (val_is_null(v))
        return EV_OK;
    size_t n;
    const struct mdef *m = net_members(v, &n);
    for (size_t i = 0; i < n; i++) {
        if (!(m[i].kind & (MT_PROPERTY | MT_ALIAS)) || !ieq(m[i].name, name))
            continue;
        *found = true;
        val r, nm = val_str_new(m[i].kind == MT_ALIAS ? "Length" : m[i].name);
        enum ev rc = run_helper(c, H_PROP, v, nm, val_null(), &r);
        val_free(nm);
        if (rc)
            return rc;
        *out = one_value(r);
        return EV_OK;
    }
    return EV_OK;
}

/*
** The property names of v matching the pattern pat (wildcards; exact but
** case-insensitive without them), in the object's order, as an array of
** strings spelled as the object spells them (a new reference).
*/
static val prop_names(val v, const char *pat)
{
    val out = val_arr_new();
    size_t plen = strlen(pat);
    bool wild = wc_has_wildcards(pat, plen);
    if (val_kind(v) == VAL_OBJECT) {
        for (uint32_t i = 0; i < val_obj_len(v); i++) {
            const char *pn = val_obj_name_at(v, i);
            if (pn[0] == '\x01' || stored_kind(val_obj_value_at(v, i)) == MT_SCRIPTMETHOD)
                continue;
            bool hit = wild ? wc_match(pat, plen, pn, strlen(pn), WC_NONE) == 1
                            : text_ieq(pn, strlen(pn), pat, plen);
            if (hit)
                out = val_arr_push(out, val_str_new(pn));
        }
    } else if (!val_is_null(v)) {
        size_t n;
        const struct mdef *m = net_members(v, &n);
        for (size_t i = 0; i < n; i++) {
            if (!(m[i].kind & (MT_PROPERTY | MT_ALIAS)))
                continue;
            bool hit = wild ? wc_match(pat, plen, m[i].name, strlen(m[i].name), WC_NONE) == 1
                            : ieq(m[i].name, pat);
            if (hit)
                out = val_arr_push(out, val_str_new(m[i].name));
        }
    }
    return out;
}

/* }================================================================== */

/*
** {==================================================================
** Property expressions: -Property of Select, Sort, Group, Compare
** ===================================================================
*/

enum pdef { PD_SELECT, PD_SORT, PD_GROUP };

struct pexpr {
    char *name;  /* a property name (maybe with wildcards), or NULL */
    bool wild;
    val sb;      /* or a script block */
    char *label; /* Select's Name/Label, or NULL */
    int8_t asc;  /* Sort: -1 unset, 0 descending, 1 ascending */
};

struct plist {
    struct pexpr *v;
    uint32_t n;
};

static void plist_free(struct plist *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        free(l->v[i].name);
        free(l->v[i].label);
        val_free(l->v[i].sb);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static struct pexpr *plist_add(struct plist *l)
{
    l->v = emsh_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    struct pexpr *e = &l->v[l->n++];
    memset(e, 0, sizeof *e);
    e->sb = val_nothing();
    e->asc = -1;
    return e;
}

/* The text an expression shows as a name: the property name or the script's text. */
static void pexpr_text(const struct pexpr *e, struct buf *b)
{
    if (e->name)
        buf_puts(b, e->name);
    else
        conv_str(e->sb, b);
}

/* A ParameterProcessor error: terminating, NotSupportedException, InvalidArgument. */
#define PP_ERROR(c, id, ...) report(c, true, id, "InvalidArgument", E_NOTSUP, val_nothing(), __VA_ARGS__)

/* The .NET type name of a value for these messages. */
static const char *tn(val v)
{
    if (val_kind(v) == VAL_SCRIPTBLOCK)
        return "System.Management.Automation.ScriptBlock";
    return conv_type_name(v);
}

/* Sets e from a string or script block expression value (Verify). */
static enum ev pexpr_set(struct cmd_ctx *c, struct pexpr *e, val x, bool from_hash,
                         bool no_globbing)
{
    if (val_kind(x) == VAL_SCRIPTBLOCK) {
        e->sb = val_copy(x);
        return EV_OK;
    }
    const char *s = val_str(x);
    size_t n = val_str_len(x);
    if (!n)
        return from_hash ? PP_ERROR(c, "ExpressionEmptyString1",
                                    "The \"expression\" key cannot have an empty string value.")
                         : PP_ERROR(c, "ExpressionEmptyString2", "An empty string value is not allowed.");
    e->wild = wc_has_wildcards(s, n);
    if (no_globbing && e->wild)
        return from_hash ? PP_ERROR(c, "ExpressionGlobbing1",
                                    "The \"expression\" key cannot have wildcard characters in value \"%s\".", s)
                         : PP_ERROR(c, "ExpressionGlobbing2", "Wildcard characters are not allowed in \"%s\".", s);
    e->name = emsh_xstrndup(s, n);
    return EV_OK;
}

/* Does key (a prefix, ignoring case) name the entry `full`? */
static bool key_match(const char *key, size_t n, const char *full)
{
    return n && n <= strlen(full) && text_ieq(key, n, full, n);
}

static const char EXPR_TYPES[] = "{System.String, System.Management.Automation.ScriptBlock}";

/* One hashtable element of -Property. */
static enum ev pexpr_hash(struct cmd_ctx *c, enum pdef def, val h, struct pexpr *e)
{
    const char *entries[3];
    size_t nentries = 0;
    entries[nentries++] = "expression";
    if (def == PD_SELECT)
        entries[nentries++] = "name";
    if (def == PD_SORT) {
        entries[nentries++] = "ascending";
        entries[nentries++] = "descending";
    }
    bool seen[4] = {false, false, false, false};
    for (uint32_t i = 0; i < val_hash_len(h); i++) {
        val k = val_hash_key_at(h, i), x = val_hash_value_at(h, i);
        if (val_is_null(k))
            return PP_ERROR(c, "DictionaryKeyNull", "The value of a key cannot be null.");
        if (val_kind(k) != VAL_STRING) {
            const char *full = conv_type_name(k), *dot = strrchr(full, '.');
            return PP_ERROR(c, "DictionaryKeyNonString",
                            "The %s key type is not valid. The key must be a string.", dot ? dot + 1 : full);
        }
        const char *ks = val_str(k);
        size_t kn = val_str_len(k);
        int hit = -1;
        for (size_t d = 0; d < nentries; d++) {
            bool m = key_match(ks, kn, entries[d]) ||
                     (!strcmp(entries[d], "name") && key_match(ks, kn, "label"));
            if (!m)
                continue;
            if (hit >= 0)
                return PP_ERROR(c, "DictionaryKeyAmbiguous", "The %s key is ambiguous; %s and %s conflict.",
                                ks, entries[hit], entries[d]);
            hit = (int)d;
        }
        if (hit < 0)
            return PP_ERROR(c, "DictionaryKeyIllegal", "The %s key is not valid.", ks);
        if (seen[hit])
            return PP_ERROR(c, "DictionaryKeyDuplicate", "The duplicated key \"%s\" conflicts with \"%s\".", ks,
                            entries[hit]);
        seen[hit] = true;
        const char *ent = entries[hit];
        enum ev rc;
        if (!strcmp(ent, "expression")) {
            if (val_is_null(x))
                return PP_ERROR(c, "DictionaryKeyMissingValue", "The %s key has no value.", ks);
            if (val_kind(x) != VAL_STRING && val_kind(x) != VAL_SCRIPTBLOCK)
                return PP_ERROR(c, "DictionaryKeyIllegalValue1",
                                "The \"%s\" key has a type, %s, that is not valid; expected types are %s.", ks,
                                tn(x), EXPR_TYPES);
            if ((rc = pexpr_set(c, e, x, true, def == PD_GROUP)))
                return rc;
        } else if (!strcmp(ent, "name")) {
            if (val_is_null(x))
                return PP_ERROR(c, "DictionaryKeyMissingValue", "The %s key has no value.", ks);
            if (val_kind(x) != VAL_STRING)
                return PP_ERROR(c, "DictionaryKeyIllegalValue2",
                                "The \"%s\" key has a type, %s, that is not valid; expected type is System.String.",
                                ks, tn(x));
            e->label = emsh_xstrndup(val_str(x), val_str_len(x));
        } else {
            bool on = conv_truthy(x);
            int8_t want = (int8_t)(!strcmp(ent, "ascending") ? on : !on);
            /* both given and contradicting each other: neither counts */
            if (e->asc >= 0 && e->asc != want)
                e->asc = -2;
            else if (e->asc != -2)
                e->asc = want;
        }
    }
    if (!seen[0])
        return PP_ERROR(c, "DictionaryKeyMandatoryEntry", "A mandatory entry for expression is missing.");
    if (e->asc == -2)
        e->asc = -1;
    return EV_OK;
}

/* ProcessParameters: the elements of a -Property array as expressions. */
static enum ev parse_props(struct cmd_ctx *c, val arr, enum pdef def, struct plist *out)
{
    uint32_t n = val_kind(arr) == VAL_ARRAY ? val_arr_len(arr) : (val_is_null(arr) ? 0 : 1);
    for (uint32_t i = 0; i < n; i++) {
        val x = val_kind(arr) == VAL_ARRAY ? val_arr_items(arr)[i] : arr;
        struct pexpr *e = plist_add(out);
        enum ev rc;
        if (val_kind(x) == VAL_HASHTABLE)
            rc = pexpr_hash(c, def, x, e);
        else if (val_kind(x) == VAL_STRING || val_kind(x) == VAL_SCRIPTBLOCK)
            rc = pexpr_set(c, e, x, false, def == PD_GROUP);
        else if (val_is_null(x))
            rc = PP_ERROR(c, "DictionaryKeyUnknownType",
                          "The value of a parameter was null; one of the following types was expected: %s.",
                          EXPR_TYPES);
        else
            rc = PP_ERROR(c, "DictionaryKeyUnknownType", "Cannot convert %s to one of the following types %s.",
                          tn(x), EXPR_TYPES);
        if (rc)
            return rc;
    }
    return EV_OK;
}

/* Runs an expression's script block on o: its output as one value (*out, new). */
static enum ev run_script(struct cmd_ctx *c, val sb, val o, val *out)
{
    val r;
    enum ev rc = cmd_invoke(c, sb, o, NULL, 0, &r);
    if (rc)
        return rc;
    *out = one_value(r);
    return EV_OK;
}

/* }================================================================== */

/*
** {==================================================================
** ObjectCommandComparer
** ===================================================================
*/

/* Does the value have a natural order (IComparable), as opposed to objects and collections? */
static bool comparable(val v)
{
    int32_t parts[4];
    if (conv_version_parts(v, parts))
        return true; /* System.Version is IComparable */
    switch (val_kind(v)) {
    case VAL_OBJECT:
    case VAL_HASHTABLE:
    case VAL_ARRAY:
    case VAL_SCRIPTBLOCK:
    case VAL_TYPE:
        return false;
    default:
        return true;
    }
}

/*
** Compares the string forms of two values in the culture's order. A
** custom object's base object (PSCustomObject) has no string form of its
** own, so any two of them compare equal, as in PowerShell.
*/
static int string_compare(val a, val b, bool case_sensitive)
{
    struct buf x = BUF_INIT, y = BUF_INIT;
    if (!is_custom(a))
        conv_str(a, &x);
    if (!is_custom(b))
        conv_str(b, &y);
    val xs = val_str_buf(&x), ys = val_str_buf(&y);
    int cmp = 0;
    ops_compare(xs, ys, !case_sensitive, &cmp, NULL);
    val_free(xs);
    val_free(ys);
    return cmp;
}

/*
** ObjectCommandComparer.Compare (ascending): two nulls are equal, null
** sorts first, values compare with PowerShell's rules (the left operand's
** type decides), and what cannot be compared compares by string form.
*/
static int occ_compare(val a, val b, bool case_sensitive)
{
    bool an = val_is_null(a), bn = val_is_null(b);
    if (an && bn)
        return 0;
    if (an || bn)
        return an ? -1 : 1;
    if (!comparable(a))
        return string_compare(a, b, case_sensitive);
    int cmp;
    if (ops_compare(a, b, !case_sensitive, &cmp, NULL))
        return cmp < 0 ? -1 : cmp > 0;
    return string_compare(a, b, case_sensitive);
}

/* A key of an ordered entry: a value, or a property the object does not have. */
struct okey {
    val v;
    bool exists;
};

/* A row of the order matrix: an input object and its key values. */
struct oentry {
    val obj;
    struct okey *keys;
    uint32_t nkeys;
    uint32_t index;
};

static void oentry_free(struct oentry *e)
{
    val_free(e->obj);
    for (uint32_t i = 0; i < e->nkeys; i++)
        val_free(e->keys[i].v);
    free(e->keys);
    e->keys = NULL;
    e->nkeys = 0;
    e->obj = val_nothing();
}

static void oentry_key(struct oentry *e, val v, bool exists)
{
    e->keys = emsh_xrealloc(e->keys, (e->nkeys + 1) * sizeof *e->keys);
    e->keys[e->nkeys].v = v;
    e->keys[e->nkeys].exists = exists;
    e->nkeys++;
}

/* OrderByPropertyComparer: key by key; a missing property sorts after everything. */
static int oentry_cmp(const struct oentry *a, const struct oentry *b, const int8_t *asc, uint32_t nk,
                      bool case_sensitive)
{
    for (uint32_t k = 0; k < nk; k++) {
        bool ea = k < a->nkeys && a->keys[k].exists, eb = k < b->nkeys && b->keys[k].exists;
        int r;
        if (ea && eb) {
            r = occ_compare(a->keys[k].v, b->keys[k].v, case_sensitive);
            if (asc && !asc[k])
                r = -r;
        } else if (ea) {
            r = -1;
        } else if (eb) {
            r = 1;
        } else {
            r = 0;
        }
        if (r)
            return r;
    }
    return 0;
}

/* Expands wildcard expressions into the property names the objects have (sorted, unique). */
static void expand_names(const struct plist *in, const val *objs, uint32_t nobjs, struct plist *out)
{
    for (uint32_t i = 0; i < in->n; i++) {
        const struct pexpr *e = &in->v[i];
        if (!e->name || !e->wild) {
            struct pexpr *d = plist_add(out);
            d->name = e->name ? emsh_xstrndup(e->name, strlen(e->name)) : NULL;
            d->sb = val_copy(e->sb);
            d->label = e->label ? emsh_xstrndup(e->label, strlen(e->label)) : NULL;
            d->asc = e->asc;
            continue;
        }
        /* the resolved names over all objects, ordered as a SortedDictionary (ignoring case) */
        val names = val_arr_new();
        for (uint32_t k = 0; k < nobjs; k++) {
            if (val_is_null(objs[k]))
                continue;
            val got = prop_names(objs[k], e->name);
            for (uint32_t j = 0; j < val_arr_len(got); j++) {
                val nm = val_arr_items(got)[j];
                bool dup = false;
                for (uint32_t q = 0; q < val_arr_len(names) && !dup; q++)
                    dup = text_ieq(val_str(nm), val_str_len(nm), val_str(val_arr_items(names)[q]),
                                   val_str_len(val_arr_items(names)[q]));
                if (!dup)
                    names = val_arr_push(names, val_copy(nm));
            }
            val_free(got);
        }
        uint32_t nn = val_arr_len(names);
        for (uint32_t a = 1; a < nn; a++)
            for (uint32_t b = a; b > 0; b--) {
                val x = val_arr_items(names)[b - 1], y = val_arr_items(names)[b];
                /* ordinal, ignoring case */
                size_t lx = val_str_len(x), ly = val_str_len(y), m = lx < ly ? lx : ly;
                int r = 0;
                for (size_t q = 0; q < m && !r; q++) {
                    int cx = (unsigned char)val_str(x)[q], cy = (unsigned char)val_str(y)[q];
                    if (cx >= 'a' && cx <= 'z')
                        cx -= 32;
                    if (cy >= 'a' && cy <= 'z')
                        cy -= 32;
                    r = cx - cy;
                }
                if (!r)
                    r = (lx > ly) - (lx < ly);
                if (r <= 0)
                    break;
                val t = val_arr_get(names, b - 1);
                names = val_arr_set(names, b - 1, val_arr_get(names, b));
                names = val_arr_set(names, b, t);
            }
        for (uint32_t j = 0; j < nn; j++) {
            struct pexpr *d = plist_add(out);
            val nm = val_arr_items(names)[j];
            d->name = emsh_xstrndup(val_str(nm), val_str_len(nm));
            d->asc = e->asc;
        }
        val_free(names);
    }
}

/*
** OrderByPropertyEntry for one object: the value of each expression (no
** wildcards left), or the object itself when there are none. Script errors
** other than statement errors (which the evaluator reports) end the command.
*/
static enum ev make_entry(struct cmd_ctx *c, const struct plist *keys, val obj, struct oentry *e)
{
    e->obj = val_copy(obj);
    if (!keys || !keys->n) {
        oentry_key(e, val_copy(obj), true);
        return EV_OK;
    }
    for (uint32_t i = 0; i < keys->n; i++) {
        const struct pexpr *x = &keys->v[i];
        if (x->name) {
            bool found;
            val v;
            enum ev rc = prop_value(c, obj, x->name, &found, &v);
            if (rc)
                return rc;
            oentry_key(e, v, found);
        } else {
            val v;
            enum ev rc = run_script(c, x->sb, obj, &v);
            if (rc)
                return rc;
            oentry_key(e, v, true);
        }
    }
    return EV_OK;
}

/* }================================================================== */

/*
** {==================================================================
** Where-Object
** ===================================================================
*/

enum {
    WH_INPUT_OBJECT,
    WH_FILTER_SCRIPT,
    WH_PROPERTY,
    WH_VALUE,
    WH_EQ, /* the operator switches follow, in the order of enum wop */
};

/* The operators, in the order of their sets after EqualSet and ScriptBlockSet. */
enum wop {
    W_EQ, W_CEQ, W_NE, W_CNE, W_GT, W_CGT, W_LT, W_CLT, W_GE, W_CGE, W_LE, W_CLE,
    W_LIKE, W_CLIKE, W_NOTLIKE, W_CNOTLIKE, W_MATCH, W_CMATCH, W_NOTMATCH, W_CNOTMATCH,
    W_CONTAINS, W_CCONTAINS, W_NOTCONTAINS, W_CNOTCONTAINS, W_IN, W_CIN, W_NOTIN, W_CNOTIN,
    W_IS, W_ISNOT
};

/* TokenKind names, as the operator appears in messages. */
static const char *const wop_token[] = {
    "Ieq", "Ceq", "Ine", "Cne", "Igt", "Cgt", "Ilt", "Clt", "Ige", "Cge", "Ile", "Cle",
    "Ilike", "Clike", "Inotlike", "Cnotlike", "Imatch", "Cmatch", "Inotmatch", "Cnotmatch",
    "Icontains", "Ccontains", "Inotcontains", "Cnotcontains", "In", "Cin", "Inotin", "Cnotin",
    "Is", "IsNot"};

struct where_state {
    bool ready;
    enum wop op;
    bool icase;
    bool boolean; /* Where-Object Property: the property's truth */
    uint16_t type; /* -Is / -IsNot */
    bool type_ok;
};

static enum ev where_begin(struct cmd_ctx *c)
{
    struct where_state *st = cmd_state(c);
    uint8_t set = cmd_set(c);
    if (set == 1) /* ScriptBlockSet */
        return EV_OK;
    st->op = set == 0 ? W_EQ : (enum wop)(set - 1);
    st->icase = !(st->op <= W_CNOTIN && (st->op & 1));
    if (st->op >= W_IS)
        st->icase = true;
    st->boolean = st->op == W_EQ && !cmd_bound(c, WH_EQ);
    if ((st->op == W_IS || st->op == W_ISNOT) && cmd_bound(c, WH_VALUE)) {
        val v = cmd_arg(c, WH_VALUE);
        if (val_kind(v) == VAL_TYPE) {
            st->type = v.aux;
            st->type_ok = true;
        } else if (val_kind(v) == VAL_STRING) {
            const char *s = val_str(v);
            size_t n = val_str_len(v);
            if (n > 2 && s[0] == '[' && s[n - 1] == ']') {
                s++;
                n -= 2;
            }
            st->type = type_lookup(s, n);
            if (!st->type)
                return report(c, true, "RuntimeException", "InvalidArgument",
                              "System.Management.Automation.PSInvalidCastException", val_nothing(),
                              "Cannot convert the \"%.*s\" value of type \"System.String\" to type \"System.Type\".",
                              (int)n, s);
            st->type_ok = true;
        }
    }
    return EV_OK;
}

/* The property value Where-Object compares: dictionary keys first, then members. */
static enum ev where_lvalue(struct cmd_ctx *c, val obj, const char *prop, bool *skip, val *out)
{
    *skip = false;
    *out = val_null();
    if (val_is_null(obj))
        return EV_OK;
    if (val_kind(obj) == VAL_HASHTABLE) {
        val k = val_str_new(prop);
        if (val_hash_has(obj, k)) {
            *out = val_hash_get(obj, k);
            return EV_OK;
        }
        val_free(k);
    }
    size_t plen = strlen(prop);
    if (val_kind(obj) == VAL_OBJECT && !wc_has_wildcards(prop, plen)) {
        int64_t i = obj_prop_index(obj, prop, plen);
        if (i < 0)
            return EV_OK;
        val stored = val_obj_value_at(obj, (uint32_t)i);
        if (!is_member_obj(stored)) {
            *out = val_copy(stored);
            return EV_OK;
        }
        return member_value(c, obj, stored, 0, out);
    }
    val names = prop_names(obj, prop);
    enum ev rc = EV_OK;
    if (val_arr_len(names) > 1) {
        struct buf all = BUF_INIT;
        for (uint32_t i = 0; i < val_arr_len(names); i++) {
            buf_putc(&all, ' ');
            buf_puts(&all, val_str(val_arr_items(names)[i]));
        }
        rc = report(c, false, "AmbiguousPropertyName", "InvalidArgument", E_ARG, obj,
                    "Input name \"%s\" is ambiguous. It can be resolved to multiple matched members. Possible matches include:%s.",
                    prop, buf_cstr(&all));
        buf_release(&all);
        *skip = true;
    } else if (val_arr_len(names) == 1) {
        bool found;
        val_free(*out);
        rc = prop_value(c, obj, val_str(val_arr_items(names)[0]), &found, out);
    }
    val_free(names);
    return rc;
}

/* A comparison with PowerShell's operator semantics; false with *bad on an operator error. */
static bool where_cmp(enum wop op, bool icase, val l, val r)
{
    int cmp = 0;
    switch (op) {
    case W_EQ: case W_CEQ:
        return ops_equal(l, r, icase);
    case W_NE: case W_CNE:
        return !ops_equal(l, r, icase);
    default:
        break;
    }
    if (!ops_compare(l, r, icase, &cmp, NULL))
        return false;
    switch (op) {
    case W_GT: case W_CGT: return cmp > 0;
    case W_LT: case W_CLT: return cmp < 0;
    case W_GE: case W_CGE: return cmp >= 0;
    case W_LE: case W_CLE: return cmp <= 0;
    default: return false;
    }
}

/* -like / -match of one scalar; -1 for a bad pattern (message in err). */
static int where_pattern(enum wop op, bool icase, val l, val r, struct buf *err)
{
    struct buf s = BUF_INIT, p = BUF_INIT;
    conv_str(l, &s);
    conv_str(r, &p);
    int got;
    bool like = op >= W_LIKE && op <= W_CNOTLIKE;
    if (like) {
        got = wc_match(buf_cstr(&p), p.len, buf_cstr(&s), s.len, icase ? WC_NONE : WC_CASE_SENSITIVE);
        if (got == WC_E_PATTERN) {
            wc_error_message(buf_cstr(&p), p.len, err);
            got = -1;
        }
    } else {
        struct rx_error e = RX_ERROR_INIT;
        struct rx *rx = rx_get(buf_cstr(&p), p.len, icase ? RX_IGNORECASE : RX_NONE, &e);
        if (!rx) {
            buf_puts(err, e.msg ? e.msg : "The regular expression pattern is not valid.");
            rx_error_clear(&e);
            got = -1;
        } else {
            got = rx_exec(rx, buf_cstr(&s), s.len, 0, NULL) > 0;
        }
    }
    buf_release(&s);
    buf_release(&p);
    if (got < 0)
        return -1;
    if (op == W_NOTLIKE || op == W_CNOTLIKE || op == W_NOTMATCH || op == W_CNOTMATCH)
        got = !got;
    return got;
}

/* ContainsOperator: does the collection (or scalar) hold the value? */
static bool contains(val coll, val item, bool icase)
{
    if (val_kind(coll) == VAL_ARRAY) {
        for (uint32_t i = 0; i < val_arr_len(coll); i++)
            if (ops_equal(val_arr_items(coll)[i], item, icase))
                return true;
        return false;
    }
    return ops_equal(coll, item, icase);
}

static enum ev where_process(struct cmd_ctx *c, val input)
{
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, WH_INPUT_OBJECT) : input;
    if (val_kind(obj) == VAL_NOTHING)
        return EV_OK;
    val script = cmd_arg(c, WH_FILTER_SCRIPT);
    if (val_kind(script) == VAL_SCRIPTBLOCK) {
        val r;
        enum ev rc = cmd_invoke(c, script, obj, NULL, 0, &r);
        if (rc)
            return rc;
        bool yes = conv_truthy(r);
        val_free(r);
        return yes ? cmd_write(c, val_copy(obj)) : EV_OK;
    }
    struct where_state *st = cmd_state(c);
    bool have_value = cmd_bound(c, WH_VALUE);
    if (!have_value && !st->boolean)
        return report(c, true, "ValueNotSpecifiedForWhereObject", "InvalidArgument", E_ARG, val_nothing(),
                      "The specified operator requires both the -Property and -Value parameters. Provide values for both parameters, and then try the command again.");
    if (have_value && st->boolean)
        return report(c, true, "OperatorNotSpecified", "InvalidArgument", E_ARG, val_nothing(),
                      "An operator is required to compare the two specified values. Include a valid operator in the command, and then try the command again. For example, Get-Process | Where-Object -Property Name -eq Idle");
    const char *prop = arg_str(c, WH_PROPERTY);
    bool skip;
    val l;
    enum ev rc = where_lvalue(c, obj, prop ? prop : "", &skip, &l);
    if (rc || skip) {
        val_free(l);
        return rc;
    }
    val r = cmd_arg(c, WH_VALUE);
    bool yes = false;
    if (st->boolean) {
        /* $true -eq <property>: the property's truth */
        yes = ops_equal(val_bool(true), l, true);
    } else {
        enum wop op = st->op;
        struct buf err = BUF_INIT;
        switch (op) {
        case W_CONTAINS: case W_CCONTAINS:
            yes = contains(l, r, st->icase);
            break;
        case W_NOTCONTAINS: case W_CNOTCONTAINS:
            yes = !contains(l, r, st->icase);
            break;
        case W_IN: case W_CIN:
            yes = contains(r, l, st->icase);
            break;
        case W_NOTIN: case W_CNOTIN:
            yes = !contains(r, l, st->icase);
            break;
        case W_IS: case W_ISNOT: {
            bool is = false;
            struct conv_error ce;
            if (!st->type_ok || !ops_is(l, val_type(st->type), &is, &ce)) {
                val_free(l);
                return report(c, false, "OperatorFailed", "InvalidOperation", E_INVOP, obj,
                              "The right operand of '-is' must be a type.");
            }
            yes = op == W_IS ? is : !is;
            break;
        }
        default: {
            bool pattern = op >= W_LIKE && op <= W_CNOTMATCH;
            if (val_kind(l) == VAL_ARRAY) {
                /* the operator filters a collection; the result is true when it keeps something */
                val kept = val_arr_new();
                for (uint32_t i = 0; i < val_arr_len(l) && !err.len; i++) {
                    val e = val_arr_items(l)[i];
                    int got = pattern ? where_pattern(op, st->icase, e, r, &err) : where_cmp(op, st->icase, e, r);
                    if (got > 0)
                        kept = val_arr_push(kept, val_copy(e));
                }
                yes = conv_truthy(kept);
                val_free(kept);
            } else if (pattern) {
                yes = where_pattern(op, st->icase, l, r, &err) > 0;
            } else {
                yes = where_cmp(op, st->icase, l, r);
            }
            break;
        }
        }
        if (err.len) {
            rc = report(c, false, "OperatorFailed", "InvalidOperation", E_INVOP, obj,
                        "The operation '[%s]' failed: %s", wop_token[op], buf_cstr(&err));
            buf_release(&err);
            val_free(l);
            return rc;
        }
        buf_release(&err);
    }
    val_free(l);
    return yes ? cmd_write(c, val_copy(obj)) : EV_OK;
}

CMDLET_DEFINE(cmd_where_object, .begin = where_begin, .process = where_process,
              .state_size = sizeof(struct where_state));

/* }================================================================== */

/*
** {==================================================================
** ForEach-Object
** ===================================================================
*/

enum { FE_INPUT_OBJECT, FE_BEGIN, FE_PROCESS, FE_END, FE_REMAINING, FE_MEMBER_NAME, FE_ARGUMENT_LIST };

struct foreach_state {
    val scripts; /* the begin, process and end blocks in PowerShell's order (VAL_ARRAY) */
    val end;     /* the end block, or $null */
    val pending; /* what the begin block wrote, passed on with the first object */
    val outer;   /* $_ as it was before the command: put back after each block */
    uint32_t start, stop;
};

static void foreach_release(void *p)
{
    struct foreach_state *st = p;
    val_free(st->scripts);
    val_free(st->end);
    val_free(st->pending);
    val_free(st->outer);
}

/* Writes a script's output, item by item (consumes r). */
static enum ev write_all(struct cmd_ctx *c, val r)
{
    enum ev rc = EV_OK;
    if (val_kind(r) == VAL_ARRAY) {
        uint32_t n = val_arr_len(r);
        for (uint32_t i = 0; i < n && !rc; i++)
            rc = cmd_write(c, val_arr_get(r, i));
        val_free(r);
        return rc;
    }
    if (val_kind(r) == VAL_NOTHING)
        return EV_OK;
    return cmd_write(c, r);
}

static void add_blocks(val *list, val v)
{
    if (val_kind(v) == VAL_ARRAY) {
        for (uint32_t i = 0; i < val_arr_len(v); i++)
            *list = val_arr_push(*list, val_arr_get(v, i));
    } else {
        *list = val_arr_push(*list, val_is_null(v) ? val_null() : val_copy(v));
    }
}

static enum ev foreach_begin(struct cmd_ctx *c)
{
    struct foreach_state *st = cmd_state(c);
    st->scripts = val_nothing();
    st->end = val_null();
    st->pending = val_nothing();
    st->outer = val_null();
    if (cmd_set(c) != 0)
        return EV_OK;
    {
        /* $_ as the caller sees it now (a script block run here would disturb $input) */
        enum sess_rc vr;
        val vars = cmd_var_list(c, NULL, &vr);
        for (uint32_t i = 0; i < val_arr_len(vars); i++) {
            val nm = val_obj_get(val_arr_items(vars)[i], "Name");
            bool hit = val_kind(nm) == VAL_STRING && !strcmp(val_str(nm), "_");
            val_free(nm);
            if (hit) {
                val_free(st->outer);
                st->outer = val_obj_get(val_arr_items(vars)[i], "Value");
                if (val_kind(st->outer) == VAL_NOTHING)
                    st->outer = val_null();
                break;
            }
        }
        val_free(vars);
    }
    /* -WhatIf and -Confirm only make sense with -MemberName */
    uint16_t np = c->meta->nparams;
    for (uint16_t k = 0; k < 2; k++) {
        uint16_t slot = (uint16_t)(np + (k ? CP_CONFIRM : CP_WHATIF));
        if (cmd_bound(c, slot) && conv_truthy(cmd_arg(c, slot)))
            return report(c, true, "NoShouldProcessForScriptBlockSet", "InvalidOperation", E_INVOP,
                          val_nothing(), "The -WhatIf and -Confirm parameters are not supported for script blocks.");
    }
    val list = val_arr_new();
    if (cmd_bound(c, FE_BEGIN))
        add_blocks(&list, cmd_arg(c, FE_BEGIN));
    if (cmd_bound(c, FE_PROCESS))
        add_blocks(&list, cmd_arg(c, FE_PROCESS));
    if (cmd_bound(c, FE_REMAINING))
        add_blocks(&list, cmd_arg(c, FE_REMAINING));
    uint32_t n = val_arr_len(list);
    st->stop = n;
    st->start = n > 1 ? 1 : 0;
    if (cmd_bound(c, FE_END)) {
        val e = cmd_arg(c, FE_END);
        val_free(st->end);
        st->end = val_is_null(e) ? val_null() : val_copy(e);
    } else if (n > 2) {
        st->stop = n - 1;
        val_free(st->end);
        st->end = val_arr_get(list, n - 1);
    }
    st->scripts = list;
    if (st->stop < 2 || val_kind(val_arr_items(list)[0]) != VAL_SCRIPTBLOCK)
        return EV_OK;
    /* the later stages begin after this one: what the block writes waits for them */
    return cmd_invoke(c, val_arr_items(list)[0], val_nothing(), NULL, 0, &st->pending);
}

/* Writes what the begin block wrote, once. */
static enum ev foreach_flush(struct cmd_ctx *c, struct foreach_state *st)
{
    val p = st->pending;
    st->pending = val_nothing();
    return write_all(c, p);
}

/* The ForEach-Object target text: "InputObject: <object>". */
static void foreach_target(val obj, struct buf *b)
{
    buf_puts(b, "InputObject: ");
    size_t at = b->len;
    if (val_is_null(obj))
        buf_puts(b, "null");
    else
        net_string(obj, b);
    if (b->len == at)
        buf_puts(b, base_type_name(obj));
}

static enum ev foreach_member(struct cmd_ctx *c, val obj)
{
    const char *name = arg_str(c, FE_MEMBER_NAME);
    val args = cmd_arg(c, FE_ARGUMENT_LIST);
    uint32_t nargs = val_kind(args) == VAL_ARRAY ? val_arr_len(args) : 0;
    struct buf target = BUF_INIT, action = BUF_INIT;
    foreach_target(obj, &target);
    enum ev rc = EV_OK;
    bool yes = true;
    if (val_is_null(obj)) {
        if (nargs) {
            rc = report(c, false, "InvokeMethodOnNull", "InvalidArgument", E_ARG, obj,
                        "You cannot call a method on a null-valued expression.");
        } else {
            buf_printf(&action, "Retrieve the value for property '%s'", name);
            rc = cmd_should_process(c, buf_cstr(&target), buf_cstr(&action), &yes);
            if (!rc && yes)
                rc = cmd_write(c, val_null());
        }
        goto out;
    }
    size_t nlen = strlen(name);
    bool wild = wc_has_wildcards(name, nlen);
    if (!nargs && val_kind(obj) == VAL_HASHTABLE) {
        val k = val_str_new(name);
        if (val_hash_has(obj, k)) {
            val v = val_hash_get(obj, k);
            buf_printf(&action, "Retrieve the value for key '%s'", name);
            rc = cmd_should_process(c, buf_cstr(&target), buf_cstr(&action), &yes);
            if (!rc && yes)
                rc = write_all(c, v);
            else
                val_free(v);
            goto out;
        }
        val_free(k);
    }
    /* the members the name selects: properties first, then methods */
    val props = prop_names(obj, name);
    bool is_method = false;
    const char *method = NULL;
    size_t nm = 0;
    const struct mdef *md = val_kind(obj) == VAL_OBJECT ? m_object : net_members(obj, &nm);
    if (val_kind(obj) == VAL_OBJECT)
        nm = EMSH_ARRAY_SIZE(m_object);
    uint32_t nmatch = val_arr_len(props);
    struct buf matches = BUF_INIT;
    for (uint32_t i = 0; i < val_arr_len(props); i++)
        buf_printf(&matches, " %s", val_str(val_arr_items(props)[i]));
    for (size_t i = 0; i < nm; i++) {
        if (!(md[i].kind & MT_METHODS))
            continue;
        bool hit = wild ? wc_match(name, nlen, md[i].name, strlen(md[i].name), WC_NONE) == 1 : ieq(md[i].name, name);
        if (hit) {
            nmatch++;
            buf_printf(&matches, " %s", md[i].name);
            if (!method)
                method = md[i].name;
        }
    }
    if (val_kind(obj) == VAL_OBJECT)
        for (uint32_t i = 0; i < val_obj_len(obj); i++) {
            const char *pn = val_obj_name_at(obj, i);
            if (pn[0] == '\x01' || stored_kind(val_obj_value_at(obj, i)) != MT_SCRIPTMETHOD)
                continue;
            bool hit = wild ? wc_match(name, nlen, pn, strlen(pn), WC_NONE) == 1 : ieq(pn, name);
            if (hit) {
                nmatch++;
                buf_printf(&matches, " %s", pn);
                method = pn;
            }
        }
    if (nargs) {
        /* explicitly a method call */
        uint32_t nmethods = nmatch - val_arr_len(props);
        if (nmethods > 1 || (nmethods == 1 && wild && nmatch > 1)) {
            rc = report(c, false, "AmbiguousMethodName", "InvalidArgument", E_ARG, obj,
                        "Input name \"%s\" is ambiguous. It can be resolved to multiple matched methods. Possible matches include:%s.",
                        name, buf_cstr(&matches));
            goto done;
        }
        is_method = true;
        if (!method)
            method = name;
    } else if (wild && nmatch > 1) {
        rc = report(c, false, "AmbiguousPropertyOrMethodName", "InvalidArgument", E_ARG, obj,
                    "Input name \"%s\" is ambiguous. It can be resolved to multiple matched members. Possible matches include:%s.",
                    name, buf_cstr(&matches));
        goto done;
    } else if (val_arr_len(props) == 1) {
        const char *pname = val_str(val_arr_items(props)[0]);
        buf_printf(&action, "Retrieve the value for property '%s'", pname);
        rc = cmd_should_process(c, buf_cstr(&target), buf_cstr(&action), &yes);
        if (rc || !yes)
            goto done;
        bool found;
        val v;
        if (val_kind(obj) == VAL_OBJECT) {
            rc = prop_value(c, obj, pname, &found, &v);
        } else {
            val nmv = val_str_new(pname);
            rc = run_helper(c, H_MEMBER, obj, nmv, val_null(), &v);
            val_free(nmv);
        }
        if (!rc)
            rc = write_all(c, v);
        goto done;
    } else if (method) {
        is_method = true;
    } else {
        /* not found: $null, as $_.Name would give */
        buf_printf(&action, "Retrieve the value for property '%s'", name);
        rc = cmd_should_process(c, buf_cstr(&target), buf_cstr(&action), &yes);
        if (!rc && yes)
            rc = cmd_write(c, val_null());
        goto done;
    }
    if (is_method) {
        if (nargs) {
            struct buf list = BUF_INIT;
            for (uint32_t i = 0; i < nargs; i++) {
                if (i)
                    buf_puts(&list, ", ");
                val a = val_arr_items(args)[i];
                size_t at = list.len;
                if (val_is_null(a))
                    buf_puts(&list, "null");
                else
                    net_string(a, &list);
                if (list.len == at)
                    buf_puts(&list, base_type_name(a));
            }
            buf_printf(&action, "Invoke method '%s' with arguments: %s", method, buf_cstr(&list));
            buf_release(&list);
        } else {
            buf_printf(&action, "Invoke method '%s'", method);
        }
        rc = cmd_should_process(c, buf_cstr(&target), buf_cstr(&action), &yes);
        if (rc || !yes)
            goto done;
        val r;
        val mv = val_str_new(method);
        val stored = val_kind(obj) == VAL_OBJECT ? obj_stored(obj, method) : val_nothing();
        if (stored_kind(stored) == MT_SCRIPTMETHOD) {
            /* a script method: run it with $this */
            val script = val_obj_get(stored, "Script");
            rc = run_helper(c, H_THIS, obj, script, nargs ? args : val_null(), &r);
            val_free(script);
        } else if (nargs <= 8) {
            rc = run_helper(c, (enum helper)(H_CALL0 + nargs), obj, mv, nargs ? args : val_null(), &r);
        } else {
            r = val_nothing();
            rc = report(c, false, "MethodInvocationError", "InvalidOperation",
                        "System.Management.Automation.MethodException", obj,
                        "Cannot find an overload for \"%s\" and the argument count: \"%u\".", method, nargs);
        }
        val_free(mv);
        if (rc) {
            val_free(r);
            goto done;
        }
        if (val_kind(r) == VAL_HASHTABLE) {
            val k = val_str_new("\x01E");
            if (val_hash_has(r, k)) {
                val m = val_hash_get(r, k);
                rc = report(c, false, "MethodInvocationError", "InvalidOperation",
                            "System.Management.Automation.MethodInvocationException", obj, "%s", val_str(m));
                val_free(m);
                val_free(r);
                goto done;
            }
            val_free(k);
        }
        rc = write_all(c, r);
    }
done:
    buf_release(&matches);
    val_free(props);
out:
    buf_release(&target);
    buf_release(&action);
    return rc;
}

static enum ev foreach_process(struct cmd_ctx *c, val input)
{
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, FE_INPUT_OBJECT) : input;
    if (cmd_set(c) != 0) {
        if (val_kind(obj) == VAL_NOTHING)
            obj = val_null();
        return foreach_member(c, obj);
    }
    struct foreach_state *st = cmd_state(c);
    enum ev frc = foreach_flush(c, st);
    if (frc)
        return frc;
    for (uint32_t i = st->start; i < st->stop; i++) {
        val sb = val_arr_items(st->scripts)[i];
        if (val_kind(sb) != VAL_SCRIPTBLOCK)
            continue;
        /* $_ in the caller's scope, and the block's output straight down the pipeline */
        if (val_kind(obj) != VAL_NOTHING) {
            cmd_var_set(c, NULL, "_", obj, NULL, -1, 0, NULL);
            cmd_var_set(c, NULL, "PSItem", obj, NULL, -1, 0, NULL);
        }
        enum ev rc = cmd_run_block(c, sb, val_nothing(), NULL, 0, false);
        if (val_kind(obj) != VAL_NOTHING) {
            cmd_var_set(c, NULL, "_", st->outer, NULL, -1, 0, NULL);
            cmd_var_set(c, NULL, "PSItem", st->outer, NULL, -1, 0, NULL);
        }
        if (rc)
            return rc;
    }
    return EV_OK;
}

static enum ev foreach_end(struct cmd_ctx *c)
{
    struct foreach_state *st = cmd_state(c);
    enum ev rc = foreach_flush(c, st);
    if (rc)
        return rc;
    if (cmd_set(c) != 0 || val_kind(st->end) != VAL_SCRIPTBLOCK)
        return EV_OK;
    rc = cmd_run_block(c, st->end, val_nothing(), NULL, 0, false);
    return rc;
}

CMDLET_DEFINE(cmd_foreach_object, .begin = foreach_begin, .process = foreach_process,
              .end = foreach_end, .state_size = sizeof(struct foreach_state),
              .release = foreach_release);

/* }================================================================== */

/*
** {==================================================================
** Select-Object
** ===================================================================
*/

enum {
    SO_INPUT_OBJECT, SO_PROPERTY, SO_EXCLUDE_PROPERTY, SO_EXPAND_PROPERTY, SO_UNIQUE, SO_LAST,
    SO_FIRST, SO_SKIP, SO_SKIP_LAST, SO_WAIT, SO_INDEX
};

struct select_state {
    struct plist props;
    struct plist expand; /* one expression, or none */
    bool has_props;
    val exclude; /* patterns (VAL_ARRAY) or $null */
    /* SelectObjectQueue */
    val queue;
    uint32_t qhead;
    int32_t first, last, skip, skip_last, skip_param;
    bool first_or_last;
    int32_t streamed;
    /* -Index */
    int32_t *index;
    uint32_t nindex, cur_filter;
    int32_t cur_object;
    /* -Unique: the objects kept, and how many properties each got */
    val uniques;
    uint32_t *unique_notes;
    bool done;
    uint8_t set;
};

static void select_release(void *p)
{
    struct select_state *st = p;
    plist_free(&st->props);
    plist_free(&st->expand);
    val_free(st->exclude);
    val_free(st->queue);
    val_free(st->uniques);
    free(st->index);
    free(st->unique_notes);
}

/* [ValidateRange(0, Int32.MaxValue)] failing. */
static enum ev below_zero(struct cmd_ctx *c, const char *param, int32_t v)
{
    return report(c, true, "ParameterArgumentValidationError", "InvalidData",
                  "System.Management.Automation.ParameterBindingValidationException", val_nothing(),
                  "Cannot validate argument on parameter '%s'. The %d argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again.",
                  param, v);
}

static int cmp_int(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static enum ev select_begin(struct cmd_ctx *c)
{
    struct select_state *st = cmd_state(c);
    st->exclude = val_null();
    st->queue = val_arr_new();
    st->uniques = val_arr_new();
    st->set = cmd_set(c);
    enum ev rc;
    val p = cmd_arg(c, SO_PROPERTY);
    st->has_props = val_kind(p) == VAL_ARRAY ? val_arr_len(p) > 0 : !val_is_null(p);
    if (st->has_props && (rc = parse_props(c, p, PD_SELECT, &st->props)))
        return rc;
    const char *ex = arg_str(c, SO_EXPAND_PROPERTY);
    if (ex && *ex && (rc = parse_props(c, cmd_arg(c, SO_EXPAND_PROPERTY), PD_SELECT, &st->expand)))
        return rc;
    if (cmd_bound(c, SO_EXCLUDE_PROPERTY) && !val_is_null(cmd_arg(c, SO_EXCLUDE_PROPERTY)))
        st->exclude = val_copy(cmd_arg(c, SO_EXCLUDE_PROPERTY));
    st->first = arg_int(c, SO_FIRST);
    st->last = arg_int(c, SO_LAST);
    st->skip = st->skip_param = arg_int(c, SO_SKIP);
    st->skip_last = arg_int(c, SO_SKIP_LAST);
    st->first_or_last = cmd_bound(c, SO_FIRST) || cmd_bound(c, SO_LAST);
    static const uint16_t counts[] = {SO_LAST, SO_FIRST, SO_SKIP, SO_SKIP_LAST};
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(counts); i++)
        if (cmd_bound(c, counts[i]) && arg_int(c, counts[i]) < 0)
            return below_zero(c, c->meta->params[counts[i]].name, arg_int(c, counts[i]));
    if (cmd_bound(c, SO_INDEX)) {
        val ix = cmd_arg(c, SO_INDEX);
        uint32_t n = val_kind(ix) == VAL_ARRAY ? val_arr_len(ix) : 0;
        st->index = emsh_xmalloc((n ? n : 1) * sizeof *st->index);
        for (uint32_t i = 0; i < n; i++) {
            int32_t k = 0;
            conv_to_int32(val_arr_items(ix)[i], &k, NULL);
            if (k < 0)
                return below_zero(c, "Index", k);
            st->index[i] = k;
        }
        st->nindex = n;
        qsort(st->index, n, sizeof *st->index, cmp_int);
    }
    return EV_OK;
}

static bool excluded(const struct select_state *st, const char *name)
{
    if (val_kind(st->exclude) == VAL_NOTHING || val_is_null(st->exclude))
        return false;
    uint32_t n = val_kind(st->exclude) == VAL_ARRAY ? val_arr_len(st->exclude) : 1;
    for (uint32_t i = 0; i < n; i++) {
        val p = val_kind(st->exclude) == VAL_ARRAY ? val_arr_items(st->exclude)[i] : st->exclude;
        struct buf b = BUF_INIT;
        conv_str(p, &b);
        bool hit = wc_match(buf_cstr(&b), b.len, name, strlen(name), WC_NONE) == 1;
        buf_release(&b);
        if (hit)
            return true;
    }
    return false;
}

/* Marks a custom object as selected: "Selected." + its base type goes first in its type names. */
static void set_selected(val obj, val from)
{
    if (!is_custom(obj))
        return;
    struct buf t = BUF_INIT;
    buf_printf(&t, "Selected.%s", base_type_name(from));
    val_obj_insert_type(obj, buf_cstr(&t));
    buf_release(&t);
}

/* FilteredWriteObject: writes obj (consumed) unless -Unique holds an equal one already. */
static enum ev select_emit(struct cmd_ctx *c, val obj, val from, val notes)
{
    struct select_state *st = cmd_state(c);
    uint32_t nnotes = val_kind(notes) == VAL_OBJECT ? val_obj_len(notes) : 0;
    if (!arg_on(c, SO_UNIQUE)) {
        set_selected(obj, from);
        return cmd_write(c, obj);
    }
    for (uint32_t i = 0; i < val_arr_len(st->uniques); i++) {
        val w = val_arr_items(st->uniques)[i];
        if (st->unique_notes[i] != nnotes)
            continue;
        bool same;
        if (nnotes) {
            /* new objects compare by the properties selected */
            same = true;
            for (uint32_t k = 0; k < nnotes && same; k++) {
                const char *pn = val_obj_name_at(notes, k);
                if (!val_obj_has(w, pn))
                    same = false;
                else {
                    val a = val_obj_get(w, pn);
                    same = occ_compare(a, val_obj_value_at(notes, k), true) == 0;
                    val_free(a);
                }
            }
        } else {
            same = occ_compare(obj, w, true) == 0;
        }
        if (same) {
            val_free(obj);
            return EV_OK;
        }
    }
    set_selected(obj, from);
    uint32_t n = val_arr_len(st->uniques);
    st->unique_notes = emsh_xrealloc(st->unique_notes, (n + 1) * sizeof *st->unique_notes);
    st->unique_notes[n] = nnotes;
    st->uniques = val_arr_push(st->uniques, obj);
    return EV_OK;
}

/* The values of one -Property expression on obj, as note properties added to `notes`. */
static enum ev select_param(struct cmd_ctx *c, const struct pexpr *e, val obj, val notes)
{
    struct select_state *st = cmd_state(c);
    val names = val_arr_new(), values = val_arr_new();
    enum ev rc = EV_OK;
    if (!e->name) {
        struct buf t = BUF_INIT;
        conv_str(e->sb, &t);
        if (!excluded(st, buf_cstr(&t))) {
            val v;
            if ((rc = run_script(c, e->sb, obj, &v))) {
                buf_release(&t);
                goto out;
            }
            names = val_arr_push(names, val_str_buf(&t));
            values = val_arr_push(values, v);
        }
        buf_release(&t);
    } else {
        val found = prop_names(obj, e->name);
        for (uint32_t i = 0; i < val_arr_len(found); i++) {
            const char *pn = val_str(val_arr_items(found)[i]);
            if (excluded(st, pn))
                continue;
            bool f;
            val v;
            if ((rc = prop_value(c, obj, pn, &f, &v))) {
                val_free(found);
                goto out;
            }
            names = val_arr_push(names, val_str_new(pn));
            values = val_arr_push(values, v);
        }
        val_free(found);
        if (!val_arr_len(names) && !e->wild && !excluded(st, e->name)) {
            /* Select-Object NoSuchProperty: the property, empty */
            names = val_arr_push(names, val_str_new(e->name));
            values = val_arr_push(values, val_null());
        }
    }
    if (e->label && val_arr_len(names) > 1) {
        rc = report(c, false, "RenamingMultipleResults", "InvalidOperation", E_INVOP, obj,
                    "Cannot rename multiple results.");
        goto out;
    }
    for (uint32_t i = 0; i < val_arr_len(names); i++) {
        const char *pn = e->label ? e->label : val_str(val_arr_items(names)[i]);
        if (!*pn) {
            rc = report(c, true, "EmptyScriptBlockAndNoName", "InvalidArgument", E_ARG, val_nothing(),
                        "A property is an empty script block and does not provide a name.");
            goto out;
        }
        if (val_obj_has(notes, pn)) {
            if ((rc = report(c, false, "AlreadyExistingUserSpecifiedPropertyNoExpand", "InvalidOperation", E_ARG,
                             obj, "The property cannot be processed because the property \"%s\" already exists.",
                             pn)))
                goto out;
            continue;
        }
        val_obj_set(notes, pn, val_arr_get(values, i));
    }
out:
    val_free(names);
    val_free(values);
    return rc;
}

/* ProcessObject: selects from one input object. */
static enum ev select_object(struct cmd_ctx *c, val obj)
{
    struct select_state *st = cmd_state(c);
    if (!st->has_props && !st->expand.n)
        return select_emit(c, val_copy(obj), obj, val_nothing());
    val notes = val_obj_new(NULL);
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < st->props.n && !rc; i++)
        rc = select_param(c, &st->props.v[i], obj, notes);
    if (rc) {
        val_free(notes);
        return rc;
    }
    if (!st->expand.n)
        return select_emit(c, notes, obj, notes);
    /* -ExpandProperty: the property's value, each element of a collection */
    const struct pexpr *e = &st->expand.v[0];
    val v = val_null();
    if (e->name) {
        val found = prop_names(obj, e->name);
        uint32_t n = val_arr_len(found);
        if (n == 1) {
            bool f;
            rc = prop_value(c, obj, val_str(val_arr_items(found)[0]), &f, &v);
        }
        val_free(found);
        if (!rc && n == 0)
            rc = report(c, false, "ExpandPropertyNotFound", "InvalidArgument", E_ARG, obj,
                        "Property \"%s\" cannot be found.", arg_str(c, SO_EXPAND_PROPERTY));
        else if (!rc && n > 1)
            rc = report(c, false, "MutlipleExpandProperties", "InvalidArgument", E_ARG, obj,
                        "Multiple properties cannot be expanded.");
        if (rc || n != 1) {
            val_free(v);
            val_free(notes);
            return rc;
        }
    } else if ((rc = run_script(c, e->sb, obj, &v))) {
        val_free(notes);
        return rc;
    }
    uint32_t n = val_kind(v) == VAL_ARRAY ? val_arr_len(v) : (val_is_null(v) ? 0 : 1);
    for (uint32_t i = 0; i < n && !rc; i++) {
        val x = val_kind(v) == VAL_ARRAY ? val_arr_get(v, i) : val_copy(v);
        if (val_is_null(x)) {
            val_free(x);
            continue;
        }
        if (val_kind(x) == VAL_OBJECT) {
            for (uint32_t k = 0; k < val_obj_len(notes) && !rc; k++) {
                const char *pn = val_obj_name_at(notes, k);
                if (val_obj_has(x, pn))
                    rc = report(c, false, "AlreadyExistingUserSpecifiedPropertyExpand", "InvalidOperation", E_ARG,
                                obj, "The property cannot be processed because the property \"%s\" already exists.",
                                pn);
                else
                    val_obj_set(x, pn, val_copy(val_obj_value_at(notes, k)));
            }
        }
        if (!rc)
            rc = select_emit(c, x, obj, notes);
        else
            val_free(x);
    }
    val_free(v);
    val_free(notes);
    return rc;
}

/* The queue of SelectObjectQueue. */
static uint32_t q_count(const struct select_state *st)
{
    return val_arr_len(st->queue) - st->qhead;
}

static val q_dequeue(struct select_state *st)
{
    val v = val_arr_get(st->queue, st->qhead);
    st->queue = val_arr_set(st->queue, st->qhead, val_null());
    st->qhead++;
    if (st->qhead > 64 && st->qhead * 2 > val_arr_len(st->queue)) {
        val fresh = val_arr_new();
        for (uint32_t i = st->qhead; i < val_arr_len(st->queue); i++)
            fresh = val_arr_push(fresh, val_arr_get(st->queue, i));
        val_free(st->queue);
        st->queue = fresh;
        st->qhead = 0;
    }
    return v;
}

static void q_enqueue(struct select_state *st, val v)
{
    if (st->last > 0 && q_count(st) >= (uint32_t)(st->last + st->skip) && st->first == 0)
        val_free(q_dequeue(st));
    else if (st->last > 0 && q_count(st) >= (uint32_t)st->last && st->first != 0)
        val_free(q_dequeue(st));
    st->queue = val_arr_push(st->queue, v);
}

/* StreamingDequeue: the object to process now, or VAL_NOTHING. */
static val q_streaming(struct select_state *st)
{
    if (st->skip == 0) {
        if (st->skip_last > 0) {
            if (q_count(st) > (uint32_t)st->skip_last)
                return q_dequeue(st);
        } else {
            if (st->streamed < st->first || !st->first_or_last) {
                st->streamed++;
                return q_dequeue(st);
            }
            if (st->last == 0)
                val_free(q_dequeue(st));
        }
    } else if (st->last == 0) {
        val_free(q_dequeue(st));
        st->skip--;
    } else if (st->first != 0) {
        st->skip--;
        val_free(q_dequeue(st));
    }
    return val_nothing();
}

/* EndProcessing: the queued objects, then the unique ones. Runs once. */
static enum ev select_finish(struct cmd_ctx *c)
{
    struct select_state *st = cmd_state(c);
    if (st->done)
        return EV_OK;
    st->done = true;
    enum ev rc = EV_OK;
    if (st->set == 0) {
        while (q_count(st) > 0 && !rc) {
            if (st->first == 0 && q_count(st) <= (uint32_t)st->skip_param)
                break;
            val o = q_dequeue(st);
            rc = select_object(c, o);
            val_free(o);
        }
    }
    for (uint32_t i = 0; i < val_arr_len(st->uniques) && !rc; i++)
        rc = cmd_write(c, val_arr_get(st->uniques, i));
    return rc;
}

static enum ev select_process(struct cmd_ctx *c, val input)
{
    struct select_state *st = cmd_state(c);
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, SO_INPUT_OBJECT) : input;
    if (st->done)
        return EV_STOP;
    if (val_is_null(obj))
        return EV_OK;
    enum ev rc = EV_OK;
    bool wait = arg_on(c, SO_WAIT);
    if (st->index) {
        if (st->cur_filter < st->nindex) {
            int32_t next = st->index[st->cur_filter];
            if (st->cur_object == next) {
                rc = select_object(c, obj);
                while (st->cur_filter < st->nindex && st->index[st->cur_filter] == next)
                    st->cur_filter++;
            }
        }
        st->cur_object++;
        if (rc)
            return rc;
        if (!wait && st->cur_filter >= st->nindex) {
            rc = select_finish(c);
            return rc ? rc : EV_STOP;
        }
        return EV_OK;
    }
    q_enqueue(st, val_copy(obj));
    val o = q_streaming(st);
    if (val_kind(o) != VAL_NOTHING) {
        rc = select_object(c, o);
        val_free(o);
        if (rc)
            return rc;
    }
    if (st->first_or_last && st->last == 0 && st->first != 0 && st->streamed >= st->first && !wait) {
        rc = select_finish(c);
        return rc ? rc : EV_STOP;
    }
    return EV_OK;
}

static enum ev select_end(struct cmd_ctx *c)
{
    enum ev rc = select_finish(c);
    return rc;
}

CMDLET_DEFINE(cmd_select_object, .begin = select_begin, .process = select_process, .end = select_end,
              .state_size = sizeof(struct select_state), .release = select_release);

/* }================================================================== */

/*
** {==================================================================
** Sort-Object
** ===================================================================
*/

enum { SORT_DESCENDING, SORT_UNIQUE, SORT_INPUT_OBJECT, SORT_PROPERTY, SORT_CULTURE, SORT_CASE_SENSITIVE };

struct sort_state {
    val objs; /* the input objects */
};

static void sort_release(void *p)
{
    struct sort_state *st = p;
    val_free(st->objs);
}

static enum ev sort_begin(struct cmd_ctx *c)
{
    struct sort_state *st = cmd_state(c);
    st->objs = val_arr_new();
    return EV_OK;
}

static enum ev sort_process(struct cmd_ctx *c, val input)
{
    struct sort_state *st = cmd_state(c);
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, SORT_INPUT_OBJECT) : input;
    if (!val_is_null(obj))
        st->objs = val_arr_push(st->objs, val_copy(obj));
    return EV_OK;
}

struct sort_ctx {
    const int8_t *asc;
    uint32_t nk;
    bool cs;
};

/* A stable merge sort of entry pointers. */
static void merge_sort(struct oentry **a, struct oentry **tmp, uint32_t n, const struct sort_ctx *sc)
{
    if (n < 2)
        return;
    uint32_t h = n / 2;
    merge_sort(a, tmp, h, sc);
    merge_sort(a + h, tmp, n - h, sc);
    uint32_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        if (oentry_cmp(a[j], a[i], sc->asc, sc->nk, sc->cs) < 0)
            tmp[k++] = a[j++];
        else
            tmp[k++] = a[i++];
    }
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

/*
** EndProcessing: the order matrix of the objects with the expressions of
** -Property (wildcards expanded over all the objects), sorted stably; keys
** given as hashtables keep their own direction; -Unique drops an object
** equal to the one before it.
*/
static enum ev sort_end(struct cmd_ctx *c)
{
    struct sort_state *st = cmd_state(c);
    uint32_t n = val_arr_len(st->objs);
    struct plist raw = {0}, keys = {0};
    enum ev rc = EV_OK;
    if (cmd_bound(c, SORT_PROPERTY) && (rc = parse_props(c, cmd_arg(c, SORT_PROPERTY), PD_SORT, &raw))) {
        plist_free(&raw);
        return rc;
    }
    if (!n) {
        plist_free(&raw);
        return EV_OK;
    }
    expand_names(&raw, val_arr_items(st->objs), n, &keys);
    plist_free(&raw);
    bool cs = arg_on(c, SORT_CASE_SENSITIVE);
    bool desc = arg_on(c, SORT_DESCENDING);
    struct oentry *rows = emsh_xmalloc(n * sizeof *rows);
    memset(rows, 0, n * sizeof *rows);
    uint32_t made = 0;
    for (; made < n && !rc; made++) {
        rows[made].index = made;
        rc = make_entry(c, &keys, val_arr_items(st->objs)[made], &rows[made]);
    }
    if (!rc) {
        uint32_t nk = 0;
        for (uint32_t i = 0; i < n; i++)
            if (rows[i].nkeys > nk)
                nk = rows[i].nkeys;
        int8_t *asc = emsh_xmalloc((nk ? nk : 1) * sizeof *asc);
        for (uint32_t k = 0; k < nk; k++)
            asc[k] = (int8_t)(k < keys.n && keys.v[k].asc >= 0 ? keys.v[k].asc : !desc);
        struct oentry **order = emsh_xmalloc(n * sizeof *order), **tmp = emsh_xmalloc(n * sizeof *tmp);
        for (uint32_t i = 0; i < n; i++)
            order[i] = &rows[i];
        struct sort_ctx sc = {asc, nk, cs};
        merge_sort(order, tmp, n, &sc);
        bool unique = arg_on(c, SORT_UNIQUE);
        for (uint32_t i = 0; i < n && !rc; i++) {
            if (unique && i > 0 && oentry_cmp(order[i - 1], order[i], asc, nk, cs) == 0)
                continue;
            rc = cmd_write(c, val_copy(order[i]->obj));
        }
        free(order);
        free(tmp);
        free(asc);
    }
    for (uint32_t i = 0; i < made; i++)
        oentry_free(&rows[i]);
    free(rows);
    plist_free(&keys);
    return rc;
}

CMDLET_DEFINE(cmd_sort_object, .begin = sort_begin, .process = sort_process, .end = sort_end,
              .state_size = sizeof(struct sort_state), .release = sort_release);

/* }================================================================== */

/*
** {==================================================================
** Group-Object
** ===================================================================
*/

enum { GR_NO_ELEMENT, GR_AS_HASHTABLE, GR_AS_STRING, GR_INPUT_OBJECT, GR_PROPERTY, GR_CULTURE, GR_CASE_SENSITIVE };

struct group_state {
    struct plist keys;
    bool parsed;
    struct oentry *groups; /* the first entry of each group (its key values) */
    val members;           /* VAL_ARRAY of VAL_ARRAY: each group's objects */
    uint32_t *counts;
    uint32_t n, cap;
    uint32_t last_hit;
};

static void group_release(void *p)
{
    struct group_state *st = p;
    plist_free(&st->keys);
    for (uint32_t i = 0; i < st->n; i++)
        oentry_free(&st->groups[i]);
    free(st->groups);
    free(st->counts);
    val_free(st->members);
}

static enum ev group_begin(struct cmd_ctx *c)
{
    struct group_state *st = cmd_state(c);
    st->members = val_arr_new();
    return EV_OK;
}

static enum ev group_process(struct cmd_ctx *c, val input)
{
    struct group_state *st = cmd_state(c);
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, GR_INPUT_OBJECT) : input;
    if (val_is_null(obj))
        return EV_OK;
    enum ev rc;
    if (!st->parsed) {
        st->parsed = true;
        if (cmd_bound(c, GR_PROPERTY) && (rc = parse_props(c, cmd_arg(c, GR_PROPERTY), PD_GROUP, &st->keys)))
            return rc;
    }
    struct oentry e = {0};
    e.obj = val_nothing();
    if ((rc = make_entry(c, &st->keys, obj, &e))) {
        oentry_free(&e);
        return rc;
    }
    bool cs = arg_on(c, GR_CASE_SENSITIVE);
    uint32_t nk = e.nkeys;
    int32_t hit = -1;
    if (st->n && st->last_hit < st->n && oentry_cmp(&st->groups[st->last_hit], &e, NULL, nk, cs) == 0)
        hit = (int32_t)st->last_hit;
    for (uint32_t i = 0; i < st->n && hit < 0; i++)
        if (oentry_cmp(&st->groups[i], &e, NULL, nk, cs) == 0)
            hit = (int32_t)i;
    if (hit < 0) {
        if (st->n == st->cap) {
            st->cap = st->cap ? st->cap * 2 : 8;
            st->groups = emsh_xrealloc(st->groups, st->cap * sizeof *st->groups);
            st->counts = emsh_xrealloc(st->counts, st->cap * sizeof *st->counts);
        }
        st->groups[st->n] = e;
        st->counts[st->n] = 0;
        st->members = val_arr_push(st->members, val_arr_new());
        hit = (int32_t)st->n++;
    } else {
        oentry_free(&e);
    }
    st->last_hit = (uint32_t)hit;
    st->counts[hit]++;
    if (!arg_on(c, GR_NO_ELEMENT)) {
        val g = val_arr_items(st->members)[hit];
        val_arr_push(g, val_copy(obj));
    }
    return EV_OK;
}

/* GroupInfo.Name: the key values joined by ", ", collections as {a, b}. */
static void group_name(const struct oentry *g, struct buf *b)
{
    bool any = false;
    for (uint32_t k = 0; k < g->nkeys; k++) {
        val v = g->keys[k].v;
        if (val_is_null(v))
            continue;
        if (any)
            buf_puts(b, ", ");
        any = true;
        if (val_kind(v) == VAL_ARRAY || val_kind(v) == VAL_HASHTABLE) {
            buf_putc(b, '{');
            if (val_kind(v) == VAL_ARRAY)
                for (uint32_t i = 0; i < val_arr_len(v); i++) {
                    if (i)
                        buf_puts(b, ", ");
                    net_string(val_arr_items(v)[i], b);
                }
            else
                for (uint32_t i = 0; i < val_hash_len(v); i++) {
                    if (i)
                        buf_puts(b, ", ");
                    buf_puts(b, "System.Collections.DictionaryEntry");
                }
            buf_putc(b, '}');
        } else {
            net_string(v, b);
        }
    }
}

static enum ev group_end(struct cmd_ctx *c)
{
    struct group_state *st = cmd_state(c);
    if (!st->n)
        return EV_OK;
    bool no_element = arg_on(c, GR_NO_ELEMENT);
    if (arg_on(c, GR_AS_HASHTABLE)) {
        bool as_string = arg_on(c, GR_AS_STRING);
        val h = val_hash_new(false);
        for (uint32_t i = 0; i < st->n; i++) {
            val key;
            if (as_string) {
                struct buf b = BUF_INIT;
                group_name(&st->groups[i], &b);
                key = val_str_buf(&b);
            } else if (st->groups[i].nkeys == 1) {
                key = val_copy(st->groups[i].keys[0].v);
            } else {
                val_free(h);
                return report(c, true, "ArgumentException", "InvalidArgument", "System.ArgumentException",
                              cmd_arg(c, GR_PROPERTY),
                              "The command cannot be run because using the AsHashTable parameter with more than one property requires adding the AsString parameter.");
            }
            if (val_is_null(key) || val_hash_has(h, key)) {
                val_free(key);
                val_free(h);
                return report(c, false, "The objects grouped by this property cannot be expanded because there is a key duplication. Provide a valid value for the property, and then try again.",
                              "InvalidArgument", "System.Exception", val_nothing(),
                              "The objects grouped by this property cannot be expanded because there is a key duplication. Provide a valid value for the property, and then try again.");
            }
            h = val_hash_set(h, key, val_arr_get(st->members, i));
        }
        return cmd_write(c, h);
    }
    if (arg_on(c, GR_AS_STRING))
        return report(c, true, "ArgumentException", "InvalidArgument", "System.ArgumentException",
                      cmd_arg(c, GR_AS_STRING),
                      "The command cannot be run because the AsString parameter requires that you specify the AsHashtable parameter.");
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < st->n && !rc; i++) {
        const struct oentry *g = &st->groups[i];
        val r = val_obj_new("Microsoft.PowerShell.Commands.GroupInfo");
        if (no_element)
            r = val_obj_insert_type(r, "Microsoft.PowerShell.Commands.GroupInfoNoElement");
        val values = val_arr_set_flavour(val_arr_new(), ARR_ARRAYLIST, NULL);
        for (uint32_t k = 0; k < g->nkeys; k++)
            values = val_arr_push(values, val_copy(g->keys[k].v));
        struct buf name = BUF_INIT;
        group_name(g, &name);
        r = val_obj_set(r, "Values", values);
        r = val_obj_set(r, "Count", val_int((int32_t)st->counts[i]));
        r = val_obj_set(r, "Group", val_arr_get(st->members, i));
        r = val_obj_set(r, "Name", val_str_buf(&name));
        rc = cmd_write(c, r);
    }
    return rc;
}

CMDLET_DEFINE(cmd_group_object, .begin = group_begin, .process = group_process, .end = group_end,
              .state_size = sizeof(struct group_state), .release = group_release);

/* }================================================================== */

/*
** {==================================================================
** Measure-Object
** ===================================================================
*/

enum {
    MO_INPUT_OBJECT, MO_PROPERTY, MO_SUM, MO_AVERAGE, MO_MAXIMUM, MO_MINIMUM, MO_LINE, MO_WORD,
    MO_CHARACTER, MO_IGNORE_WHITE_SPACE
};

struct mstat {
    char *name; /* the property, or "$_" */
    int32_t count, lines, words, chars;
    double sum;
    val min, max; /* the original values; VAL_NOTHING before the first */
};

struct measure_state {
    struct mstat *s;
    uint32_t n;
    int32_t total;
    bool non_numeric;
    bool sum, avg, min, max, lines, words, chars, ignore_ws, text;
};

static void measure_release(void *p)
{
    struct measure_state *st = p;
    for (uint32_t i = 0; i < st->n; i++) {
        free(st->s[i].name);
        val_free(st->s[i].min);
        val_free(st->s[i].max);
    }
    free(st->s);
}

static enum ev measure_begin(struct cmd_ctx *c)
{
    struct measure_state *st = cmd_state(c);
    st->sum = arg_on(c, MO_SUM);
    st->avg = arg_on(c, MO_AVERAGE);
    st->min = arg_on(c, MO_MINIMUM);
    st->max = arg_on(c, MO_MAXIMUM);
    st->lines = arg_on(c, MO_LINE);
    st->words = arg_on(c, MO_WORD);
    st->chars = arg_on(c, MO_CHARACTER);
    st->ignore_ws = arg_on(c, MO_IGNORE_WHITE_SPACE);
    st->text = cmd_set(c) == 1;
    val p = cmd_arg(c, MO_PROPERTY);
    if (cmd_bound(c, MO_PROPERTY)) {
        bool bad = val_is_null(p) || (val_kind(p) == VAL_ARRAY && !val_arr_len(p));
        for (uint32_t i = 0; !bad && val_kind(p) == VAL_ARRAY && i < val_arr_len(p); i++)
            bad = val_is_null(val_arr_items(p)[i]) || !val_str_len(val_arr_items(p)[i]);
        if (bad)
            return report(c, true, "ParameterArgumentValidationError", "InvalidData",
                          "System.Management.Automation.ParameterBindingValidationException", val_nothing(),
                          "Cannot validate argument on parameter 'Property'. The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again.");
    }
    return EV_OK;
}

static struct mstat *mstat_entry(struct measure_state *st, const char *name)
{
    for (uint32_t i = 0; i < st->n; i++)
        if (ieq(st->s[i].name, name))
            return &st->s[i];
    st->s = emsh_xrealloc(st->s, (st->n + 1) * sizeof *st->s);
    struct mstat *m = &st->s[st->n++];
    memset(m, 0, sizeof *m);
    m->name = emsh_xstrndup(name, strlen(name));
    m->min = val_nothing();
    m->max = val_nothing();
    return m;
}

/* char.IsWhiteSpace */
static bool is_space(uint32_t cp)
{
    return (cp >= 9 && cp <= 13) || cp == ' ' || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

static void measure_text(struct measure_state *st, struct mstat *m, val v)
{
    struct buf b = BUF_INIT;
    if (!val_is_null(v))
        net_string(v, &b);
    const char *s = buf_cstr(&b);
    size_t n = b.len;
    if (st->chars) {
        if (!st->ignore_ws) {
            m->chars += (int32_t)text_utf16_len(s, n);
        } else {
            for (size_t i = 0; i < n;) {
                uint32_t cp = text_next(s, n, &i);
                if (!is_space(cp))
                    m->chars += cp > 0xFFFF ? 2 : 1;
            }
        }
    }
    if (st->words) {
        bool gap = true;
        for (size_t i = 0; i < n;) {
            uint32_t cp = text_next(s, n, &i);
            if (is_space(cp))
                gap = true;
            else {
                if (gap)
                    m->words++;
                gap = false;
            }
        }
    }
    if (st->lines && n) {
        for (size_t i = 0; i < n; i++)
            if (s[i] == '\n')
                m->lines++;
        if (s[n - 1] != '\n')
            m->lines++;
    }
    buf_release(&b);
}

/* LanguagePrimitives.TryConvertTo<double>. */
static bool to_double(val v, double *d)
{
    if (val_is_null(v)) {
        *d = 0;
        return true;
    }
    switch (val_kind(v)) {
    case VAL_ARRAY:
    case VAL_HASHTABLE:
    case VAL_OBJECT:
    case VAL_SCRIPTBLOCK:
    case VAL_DATETIME:
    case VAL_TIMESPAN:
    case VAL_GUID:
    case VAL_TYPE:
        return false;
    default:
        return conv_to_double(v, d, NULL);
    }
}

/* Measure-Object's Compare: keeps the smaller (larger) of the value and the one so far. */
static bool keep_current(val v, val cur, bool is_min)
{
    if (val_kind(cur) == VAL_NOTHING || val_is_null(cur))
        return false;
    double d;
    val a = (!val_is_null(v) && to_double(v, &d)) ? val_double(d) : val_copy(v);
    val b = to_double(cur, &d) ? val_double(d) : val_copy(cur);
    int cmp;
    if (!val_is_null(a) && strcmp(conv_type_name(a), conv_type_name(b)) != 0) {
        cmp = string_compare(b, a, true);
    } else if (val_is_null(a)) {
        cmp = 1;
    } else if (!comparable(b) || !ops_compare(b, a, false, &cmp, NULL)) {
        cmp = string_compare(b, a, true);
    }
    val_free(a);
    val_free(b);
    return (cmp < 0 ? -1 : cmp > 0) * (is_min ? 1 : -1) <= 0;
}

static enum ev measure_value(struct cmd_ctx *c, struct mstat *m, val v)
{
    struct measure_state *st = cmd_state(c);
    m->count++;
    if (st->lines || st->words || st->chars)
        measure_text(st, m, v);
    if (st->avg || st->sum) {
        double d;
        if (!to_double(v, &d)) {
            st->non_numeric = true;
            struct buf b = BUF_INIT;
            conv_str(v, &b);
            enum ev rc = report(c, false, "NonNumericInputObject", "InvalidType", E_PSINVOP, v,
                                "Input object \"%s\" is not numeric.", buf_cstr(&b));
            buf_release(&b);
            return rc;
        }
        m->sum += d;
    }
    if (st->min && !keep_current(v, m->min, true)) {
        val_free(m->min);
        m->min = val_copy(v);
    }
    if (st->max && !keep_current(v, m->max, false)) {
        val_free(m->max);
        m->max = val_copy(v);
    }
    return EV_OK;
}

static enum ev measure_process(struct cmd_ctx *c, val input)
{
    struct measure_state *st = cmd_state(c);
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, MO_INPUT_OBJECT) : input;
    if (val_is_null(obj))
        return EV_OK;
    st->total++;
    val props = cmd_arg(c, MO_PROPERTY);
    if (val_is_null(props) || val_kind(props) == VAL_NOTHING) {
        struct mstat *m = st->n ? &st->s[0] : mstat_entry(st, "$_");
        if (!st->sum && !st->avg && !st->min && !st->max && !st->lines && !st->words && !st->chars) {
            m->count++;
            return EV_OK;
        }
        return measure_value(c, m, obj);
    }
    uint32_t np = val_kind(props) == VAL_ARRAY ? val_arr_len(props) : 1;
    val seen = val_arr_new();
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < np && !rc; i++) {
        val pv = val_kind(props) == VAL_ARRAY ? val_arr_items(props)[i] : props;
        const char *pat = val_str(pv);
        val names = prop_names(obj, pat);
        if (!val_arr_len(names)) {
            if (!wc_has_wildcards(pat, strlen(pat)))
                mstat_entry(st, pat);
        }
        for (uint32_t k = 0; k < val_arr_len(names) && !rc; k++) {
            const char *pn = val_str(val_arr_items(names)[k]);
            bool dup = false;
            for (uint32_t q = 0; q < val_arr_len(seen) && !dup; q++)
                dup = ieq(val_str(val_arr_items(seen)[q]), pn);
            if (dup)
                continue;
            seen = val_arr_push(seen, val_str_new(pn));
            bool found;
            val v;
            if ((rc = prop_value(c, obj, pn, &found, &v)))
                break;
            rc = measure_value(c, mstat_entry(st, pn), v);
            val_free(v);
        }
        val_free(names);
    }
    val_free(seen);
    return rc;
}

static val nullable_double(bool present, double d)
{
    return present ? val_double(d) : val_null();
}

static enum ev measure_end(struct cmd_ctx *c)
{
    struct measure_state *st = cmd_state(c);
    bool has_prop = cmd_bound(c, MO_PROPERTY) && !val_is_null(cmd_arg(c, MO_PROPERTY));
    if (!st->total && !has_prop)
        mstat_entry(st, "$_");
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < st->n && !rc; i++) {
        struct mstat *m = &st->s[i];
        if (!m->count && has_prop) {
            rc = report(c, false, st->text ? "TextMeasurePropertyNotFound" : "GenericMeasurePropertyNotFound",
                        "InvalidArgument", E_ARG, val_nothing(),
                        "The property \"%s\" cannot be found in the input for any objects.", m->name);
            continue;
        }
        val r;
        if (st->text) {
            r = val_obj_new("Microsoft.PowerShell.Commands.MeasureInfo");
            r = val_obj_insert_type(r, "Microsoft.PowerShell.Commands.TextMeasureInfo");
            r = val_obj_set(r, "Lines", st->lines ? val_int(m->lines) : val_null());
            r = val_obj_set(r, "Words", st->words ? val_int(m->words) : val_null());
            r = val_obj_set(r, "Characters", st->chars ? val_int(m->chars) : val_null());
        } else {
            double dmin = 0, dmax = 0;
            bool has_min = val_kind(m->min) != VAL_NOTHING && !val_is_null(m->min);
            bool has_max = val_kind(m->max) != VAL_NOTHING && !val_is_null(m->max);
            bool numeric = (!has_min || to_double(m->min, &dmin)) && (!has_max || to_double(m->max, &dmax));
            r = val_obj_new("Microsoft.PowerShell.Commands.MeasureInfo");
            r = val_obj_insert_type(r, numeric ? "Microsoft.PowerShell.Commands.GenericMeasureInfo"
                                               : "Microsoft.PowerShell.Commands.GenericObjectMeasureInfo");
            bool ok = !st->non_numeric;
            r = val_obj_set(r, "Count", val_int(m->count));
            r = val_obj_set(r, "Average", nullable_double(ok && st->avg && m->count > 0, m->count ? m->sum / m->count : 0));
            r = val_obj_set(r, "Sum", nullable_double(ok && st->sum, m->sum));
            if (numeric) {
                r = val_obj_set(r, "Maximum", nullable_double(st->max && has_max, dmax));
                r = val_obj_set(r, "Minimum", nullable_double(st->min && has_min, dmin));
            } else {
                r = val_obj_set(r, "Maximum", st->max && has_max ? val_copy(m->max) : val_null());
                r = val_obj_set(r, "Minimum", st->min && has_min ? val_copy(m->min) : val_null());
            }
        }
        r = val_obj_set(r, "Property", has_prop ? val_str_new(m->name) : val_null());
        rc = cmd_write(c, r);
    }
    return rc;
}

CMDLET_DEFINE(cmd_measure_object, .begin = measure_begin, .process = measure_process, .end = measure_end,
              .state_size = sizeof(struct measure_state), .release = measure_release);

/* }================================================================== */

/*
** {==================================================================
** Compare-Object
** ===================================================================
*/

enum {
    CO_REFERENCE_OBJECT, CO_DIFFERENCE_OBJECT, CO_SYNC_WINDOW, CO_PROPERTY, CO_EXCLUDE_DIFFERENT,
    CO_INCLUDE_EQUAL, CO_PASS_THRU, CO_CULTURE, CO_CASE_SENSITIVE
};

/* A list of order entries. */
struct elist {
    struct oentry *v;
    uint32_t n, cap;
};

static void elist_push(struct elist *l, struct oentry e)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = emsh_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = e;
}

static void elist_remove(struct elist *l, uint32_t i)
{
    oentry_free(&l->v[i]);
    memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
    l->n--;
}

static void elist_free(struct elist *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        oentry_free(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

struct compare_state {
    struct plist keys; /* -Property with wildcards expanded over the reference objects */
    struct plist raw;
    bool init;
    struct elist refs, ref_backlog, diff_backlog;
    uint32_t ref_index;
    int32_t window;
    bool include_equal, exclude_different, pass_thru, cs;
};

static void compare_release(void *p)
{
    struct compare_state *st = p;
    plist_free(&st->keys);
    plist_free(&st->raw);
    elist_free(&st->refs);
    elist_free(&st->ref_backlog);
    elist_free(&st->diff_backlog);
}

static enum ev compare_begin(struct cmd_ctx *c)
{
    struct compare_state *st = cmd_state(c);
    st->window = cmd_bound(c, CO_SYNC_WINDOW) ? arg_int(c, CO_SYNC_WINDOW) : INT32_MAX;
    if (st->window < 0)
        return below_zero(c, "SyncWindow", st->window);
    st->exclude_different = arg_on(c, CO_EXCLUDE_DIFFERENT);
    st->include_equal = arg_on(c, CO_INCLUDE_EQUAL);
    if (st->exclude_different && !(cmd_bound(c, CO_INCLUDE_EQUAL) && !st->include_equal))
        st->include_equal = true;
    st->pass_thru = arg_on(c, CO_PASS_THRU);
    st->cs = arg_on(c, CO_CASE_SENSITIVE);
    enum ev rc;
    if (cmd_bound(c, CO_PROPERTY) && (rc = parse_props(c, cmd_arg(c, CO_PROPERTY), PD_GROUP, &st->raw)))
        return rc;
    return EV_OK;
}

static uint32_t arr_count(val v)
{
    return val_kind(v) == VAL_ARRAY ? val_arr_len(v) : (val_kind(v) == VAL_NOTHING || val_is_null(v) ? 0 : 1);
}

static val arr_at(val v, uint32_t i)
{
    return val_kind(v) == VAL_ARRAY ? val_arr_items(v)[i] : v;
}

/* The order entries of a collection of objects. */
static enum ev compare_entries(struct cmd_ctx *c, val objs, struct elist *out)
{
    struct compare_state *st = cmd_state(c);
    for (uint32_t i = 0; i < arr_count(objs); i++) {
        struct oentry e = {0};
        e.obj = val_nothing();
        e.index = i;
        enum ev rc = make_entry(c, &st->keys, arr_at(objs, i), &e);
        if (rc) {
            oentry_free(&e);
            return rc;
        }
        elist_push(out, e);
    }
    return EV_OK;
}

/* InitComparer: the reference objects' entries (and the expansion of wildcards over them). */
static enum ev compare_init(struct cmd_ctx *c)
{
    struct compare_state *st = cmd_state(c);
    if (st->init)
        return EV_OK;
    st->init = true;
    val refs = cmd_arg(c, CO_REFERENCE_OBJECT);
    uint32_t n = arr_count(refs);
    val *objs = emsh_xmalloc((n ? n : 1) * sizeof *objs);
    for (uint32_t i = 0; i < n; i++)
        objs[i] = arr_at(refs, i);
    expand_names(&st->raw, objs, n, &st->keys);
    free(objs);
    return compare_entries(c, refs, &st->refs);
}

static enum ev compare_emit(struct cmd_ctx *c, const struct oentry *e, const char *side)
{
    struct compare_state *st = cmd_state(c);
    bool equal = !strcmp(side, "==");
    if (equal ? !st->include_equal : st->exclude_different)
        return EV_OK;
    val o;
    if (st->pass_thru) {
        o = val_copy(e->obj);
        if (val_kind(o) == VAL_OBJECT) {
            o = val_obj_remove(o, "SideIndicator");
            o = val_obj_set(o, "SideIndicator", val_str_new(side));
        }
    } else {
        o = val_obj_new(NULL);
        if (!st->raw.n) {
            o = val_obj_set(o, "InputObject", val_copy(e->obj));
        } else {
            for (uint32_t k = 0; k < st->keys.n && k < e->nkeys; k++) {
                struct buf name = BUF_INIT;
                pexpr_text(&st->keys.v[k], &name);
                if (!val_obj_has(o, buf_cstr(&name)))
                    o = val_obj_set(o, buf_cstr(&name), val_copy(e->keys[k].v));
                buf_release(&name);
            }
        }
        o = val_obj_remove(o, "SideIndicator");
        o = val_obj_set(o, "SideIndicator", val_str_new(side));
    }
    return cmd_write(c, o);
}

/* Finds an entry of the list equal to e, removes it and gives it to *hit. */
static bool match_remove(struct compare_state *st, const struct oentry *e, struct elist *l, struct oentry *hit)
{
    for (uint32_t i = 0; i < l->n; i++) {
        if (oentry_cmp(e, &l->v[i], NULL, st->keys.n ? st->keys.n : 1, st->cs) == 0) {
            *hit = l->v[i];
            memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
            l->n--;
            return true;
        }
    }
    return false;
}

/* The matching step for one difference entry (diff may be NULL). Takes over *diff. */
static enum ev compare_step(struct cmd_ctx *c, struct oentry *diff)
{
    struct compare_state *st = cmd_state(c);
    uint32_t nk = st->keys.n ? st->keys.n : 1;
    struct oentry *ref = st->ref_index < st->refs.n ? &st->refs.v[st->ref_index++] : NULL;
    enum ev rc = EV_OK;
    if (ref && diff && oentry_cmp(ref, diff, NULL, nk, st->cs) == 0) {
        rc = compare_emit(c, ref, "==");
        oentry_free(diff);
        return rc;
    }
    struct oentry hit;
    bool have_diff = diff != NULL, have_ref = ref != NULL;
    if (have_diff && match_remove(st, diff, &st->ref_backlog, &hit)) {
        rc = compare_emit(c, &hit, "==");
        oentry_free(&hit);
        oentry_free(diff);
        have_diff = false;
        if (rc)
            return rc;
    }
    if (have_ref && match_remove(st, ref, &st->diff_backlog, &hit)) {
        rc = compare_emit(c, ref, "==");
        oentry_free(&hit);
        have_ref = false;
        if (rc) {
            if (have_diff)
                oentry_free(diff);
            return rc;
        }
    }
    if (have_diff) {
        if (st->window > 0) {
            while (!rc && st->diff_backlog.n >= (uint32_t)st->window) {
                rc = compare_emit(c, &st->diff_backlog.v[0], "=>");
                elist_remove(&st->diff_backlog, 0);
            }
            elist_push(&st->diff_backlog, *diff);
        } else {
            rc = compare_emit(c, diff, "=>");
            oentry_free(diff);
        }
    }
    if (have_ref && !rc) {
        struct oentry copy = {0};
        copy.obj = val_copy(ref->obj);
        for (uint32_t k = 0; k < ref->nkeys; k++)
            oentry_key(&copy, val_copy(ref->keys[k].v), ref->keys[k].exists);
        if (st->window > 0) {
            while (!rc && st->ref_backlog.n >= (uint32_t)st->window) {
                rc = compare_emit(c, &st->ref_backlog.v[0], "<=");
                elist_remove(&st->ref_backlog, 0);
            }
            elist_push(&st->ref_backlog, copy);
        } else {
            rc = compare_emit(c, &copy, "<=");
            oentry_free(&copy);
        }
    }
    return rc;
}

static enum ev compare_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct compare_state *st = cmd_state(c);
    val refs = cmd_arg(c, CO_REFERENCE_OBJECT), diffs = cmd_arg(c, CO_DIFFERENCE_OBJECT);
    enum ev rc;
    if (!arr_count(refs)) {
        /* only difference objects: all of them are different */
        if (!arr_count(diffs))
            return EV_OK;
        if (!st->init) {
            st->init = true;
            val *objs = emsh_xmalloc(arr_count(diffs) * sizeof *objs);
            for (uint32_t i = 0; i < arr_count(diffs); i++)
                objs[i] = arr_at(diffs, i);
            expand_names(&st->raw, objs, arr_count(diffs), &st->keys);
            free(objs);
        }
        struct elist l = {0};
        rc = compare_entries(c, diffs, &l);
        for (uint32_t i = 0; i < l.n && !rc; i++)
            rc = compare_emit(c, &l.v[i], "=>");
        elist_free(&l);
        return rc;
    }
    if ((rc = compare_init(c)))
        return rc;
    if (!arr_count(diffs))
        return compare_step(c, NULL);
    struct elist l = {0};
    rc = compare_entries(c, diffs, &l);
    uint32_t i = 0;
    for (; i < l.n && !rc; i++) {
        struct oentry e = l.v[i];
        l.v[i].keys = NULL;
        l.v[i].nkeys = 0;
        l.v[i].obj = val_nothing();
        rc = compare_step(c, &e);
    }
    elist_free(&l);
    return rc;
}

static enum ev compare_end(struct cmd_ctx *c)
{
    struct compare_state *st = cmd_state(c);
    enum ev rc = EV_OK;
    while (!rc && st->init && st->ref_index < st->refs.n)
        rc = compare_step(c, NULL);
    for (uint32_t i = 0; i < st->diff_backlog.n && !rc; i++)
        rc = compare_emit(c, &st->diff_backlog.v[i], "=>");
    for (uint32_t i = 0; i < st->ref_backlog.n && !rc; i++)
        rc = compare_emit(c, &st->ref_backlog.v[i], "<=");
    return rc;
}

CMDLET_DEFINE(cmd_compare_object, .begin = compare_begin, .process = compare_process, .end = compare_end,
              .state_size = sizeof(struct compare_state), .release = compare_release);

/* }================================================================== */

/*
** {==================================================================
** Tee-Object
** ===================================================================
*/

enum { TEE_INPUT_OBJECT, TEE_FILE_PATH, TEE_LITERAL_PATH, TEE_APPEND, TEE_VARIABLE };

struct tee_state {
    FILE *f;
    val items; /* -Variable: what went by */
    bool to_var;
};

static void tee_release(void *p)
{
    struct tee_state *st = p;
    if (st->f)
        fclose(st->f);
    val_free(st->items);
}

/* Appends text as UTF-16LE, as Windows PowerShell's Out-File writes (Unicode). */
static void put_utf16(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp = text_next(s, n, &i);
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            uint32_t hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
            fputc((int)(hi & 0xFF), f);
            fputc((int)(hi >> 8), f);
            fputc((int)(lo & 0xFF), f);
            fputc((int)(lo >> 8), f);
        } else {
            fputc((int)(cp & 0xFF), f);
            fputc((int)(cp >> 8), f);
        }
    }
}

static enum ev tee_begin(struct cmd_ctx *c)
{
    struct tee_state *st = cmd_state(c);
    st->items = val_arr_new();
    uint8_t set = cmd_set(c);
    if (set == 2) {
        st->to_var = true;
        return EV_OK;
    }
    const char *path = arg_str(c, set == 0 ? TEE_FILE_PATH : TEE_LITERAL_PATH);
    struct buf p = BUF_INIT;
    if (set == 0)
        wc_unescape(path, strlen(path), &p);
    else
        buf_puts(&p, path);
    bool append = set == 0 && arg_on(c, TEE_APPEND);
    FILE *probe = append ? fopen(buf_cstr(&p), "rb") : NULL;
    bool fresh = true;
    if (probe) {
        fresh = fgetc(probe) == EOF;
        fclose(probe);
    }
    st->f = fopen(buf_cstr(&p), append ? "ab" : "wb");
    if (!st->f) {
        struct buf full = BUF_INIT;
        if (buf_cstr(&p)[0] != '/') {
            char cwd[4096];
            if (getcwd(cwd, sizeof cwd))
                buf_printf(&full, "%s/", cwd);
        }
        buf_puts(&full, buf_cstr(&p));
        enum ev rc;
        if (errno == EACCES || errno == EPERM || errno == EISDIR)
            rc = report(c, true, "FileOpenFailure", "OpenError", "System.UnauthorizedAccessException",
                        val_nothing(), "Access to the path '%s' is denied.", buf_cstr(&full));
        else
            rc = report(c, true, "FileOpenFailure", "OpenError", "System.IO.DirectoryNotFoundException",
                        val_nothing(), "Could not find a part of the path '%s'.", buf_cstr(&full));
        buf_release(&full);
        buf_release(&p);
        return rc;
    }
    buf_release(&p);
    if (fresh)
        fputs("\xFF\xFE", st->f);
    return EV_OK;
}

static enum ev tee_process(struct cmd_ctx *c, val input)
{
    struct tee_state *st = cmd_state(c);
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, TEE_INPUT_OBJECT) : input;
    if (val_kind(obj) == VAL_NOTHING)
        return EV_OK;
    if (st->f) {
        struct buf b = BUF_INIT;
        str_of(obj, &b);
        buf_puts(&b, "\r\n");
        put_utf16(st->f, b.s ? b.s : "", b.len);
        buf_release(&b);
        fflush(st->f);
    } else {
        st->items = val_arr_push(st->items, val_copy(obj));
    }
    return cmd_write(c, val_copy(obj));
}

static enum ev tee_end(struct cmd_ctx *c)
{
    struct tee_state *st = cmd_state(c);
    if (st->f) {
        fclose(st->f);
        st->f = NULL;
    }
    if (!st->to_var)
        return EV_OK;
    /* Set-Variable with the objects: one object itself, several as an array */
    const char *name = arg_str(c, TEE_VARIABLE);
    val v = val_arr_len(st->items) == 1 ? val_arr_items(st->items)[0] : st->items;
    enum sess_rc r = cmd_var_set(c, NULL, name ? name : "", v, NULL, -1, 0, NULL);
    if (r == SESS_NOT_WRITABLE || r == SESS_CONSTANT) {
        val target = val_str_new(name);
        enum ev rc = report(c, false, "VariableNotWritable", "WriteError",
                            "System.Management.Automation.SessionStateUnauthorizedAccessException", target,
                            "Cannot overwrite variable %s because it is read-only or constant.", name);
        val_free(target);
        return rc;
    }
    return EV_OK;
}

CMDLET_DEFINE(cmd_tee_object, .begin = tee_begin, .process = tee_process, .end = tee_end,
              .state_size = sizeof(struct tee_state), .release = tee_release);

/* }================================================================== */

/*
** {==================================================================
** Get-Unique
** ===================================================================
*/

enum { GU_INPUT_OBJECT, GU_AS_STRING, GU_ON_TYPE };

struct unique_state {
    val last; /* VAL_NOTHING before the first object */
    bool started;
};

static void unique_release(void *p)
{
    struct unique_state *st = p;
    val_free(st->last);
}

static enum ev unique_process(struct cmd_ctx *c, val input)
{
    struct unique_state *st = cmd_state(c);
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, GU_INPUT_OBJECT) : input;
    if (!st->started) {
        st->started = true;
        st->last = val_nothing();
    }
    bool unique = true;
    if (val_kind(st->last) == VAL_NOTHING || val_is_null(st->last)) {
        if (val_kind(obj) == VAL_NOTHING)
            return EV_OK;
    } else if (arg_on(c, GU_ON_TYPE)) {
        unique = strcmp(first_type_name(obj), first_type_name(st->last)) != 0;
    } else if (arg_on(c, GU_AS_STRING)) {
        struct buf a = BUF_INIT, b = BUF_INIT;
        str_of(obj, &a);
        str_of(st->last, &b);
        unique = a.len != b.len || memcmp(buf_cstr(&a), buf_cstr(&b), a.len) != 0;
        buf_release(&a);
        buf_release(&b);
    } else {
        unique = occ_compare(obj, st->last, true) != 0;
    }
    if (!unique)
        return EV_OK;
    val_free(st->last);
    st->last = val_kind(obj) == VAL_NOTHING ? val_null() : val_copy(obj);
    return cmd_write(c, val_kind(obj) == VAL_NOTHING ? val_null() : val_copy(obj));
}

CMDLET_DEFINE(cmd_get_unique, .process = unique_process, .state_size = sizeof(struct unique_state),
              .release = unique_release);

/* }================================================================== */

/*
** {==================================================================
** New-Object
** ===================================================================
*/

enum { NO_TYPE_NAME, NO_COM_OBJECT, NO_ARGUMENT_LIST, NO_STRICT, NO_PROPERTY };

static enum ev no_ctor(struct cmd_ctx *c, const char *type)
{
    return report(c, true, "CannotFindAppropriateCtor", "ObjectNotFound", E_ARG, val_nothing(),
                  "A constructor was not found. Cannot find an appropriate constructor for type %s.", type);
}

/* Constructs the value of type t from the arguments; false: no constructor fits. */
static bool construct(uint16_t t, const val *args, uint32_t na, val *out, struct conv_error *err, bool *failed)
{
    const struct type_info *ti = type_get(t);
    *failed = false;
    if (t == TY_PSOBJECT || t == TY_PSCUSTOMOBJECT) {
        if (na)
            return false;
        *out = val_obj_new(NULL);
        return true;
    }
    if (t == TY_HASHTABLE || t == TY_ORDERED) {
        *out = val_hash_new(t == TY_ORDERED);
        return true;
    }
    if (ti && type_kind_collection(ti->kind)) {
        if (conv_new_collection(t, args, na, out, err))
            return true;
        /* no constructor for the arguments: New-Object's own error */
        *failed = !err->id || strcmp(err->id, "CannotFindAppropriateCtor") != 0;
        return false;
    }
    if (t == TY_ARRAYLIST || (ti && ti->kind == TK_LIST)) {
        val a = val_arr_new();
        if (na == 1 && val_kind(args[0]) == VAL_ARRAY)
            for (uint32_t i = 0; i < val_arr_len(args[0]); i++)
                a = val_arr_push(a, val_arr_get(args[0], i));
        else if (na > 1 || (na == 1 && !val_is_null(args[0]) && val_kind(args[0]) != VAL_INT &&
                            val_kind(args[0]) != VAL_LONG))
            return false;
        *out = t == TY_ARRAYLIST ? val_arr_set_flavour(a, ARR_ARRAYLIST, NULL)
                                 : val_arr_set_flavour(a, ARR_LIST, type_name(ti->elem));
        return true;
    }
    if (ti && ti->kind == TK_ARRAY) {
        /* new T[](size): one argument, the length */
        int32_t size = 0;
        if (na != 1)
            return false;
        if (!conv_to_int32(args[0], &size, err) || size < 0) {
            if (size < 0)
                conv_fail(err, "MethodInvocationException", "System.Management.Automation.MethodInvocationException",
                          "Exception calling \".ctor\" with \"1\" argument(s): \"Arithmetic operation resulted in an overflow.\"");
            *failed = true;
            return false;
        }
        /* an array of the element type's default values */
        val dflt = val_null();
        uint16_t e = ti->elem;
        if (e == TY_INT)
            dflt = val_int(0);
        else if (e == TY_LONG)
            dflt = val_long(0);
        else if (e == TY_DOUBLE)
            dflt = val_double(0);
        else if (e == TY_BOOL)
            dflt = val_bool(false);
        val a = val_arr_sized((uint32_t)size);
        for (int32_t i = 0; i < size; i++)
            a = val_arr_push(a, val_copy(dflt));
        val_free(dflt);
        val typed;
        if (conv_to_type(a, t, &typed, err))
            *out = typed;
        else
            *failed = true;
        return !*failed;
    }
    if (ti && ti->kind == TK_EXCEPTION) {
        struct buf m = BUF_INIT;
        if (na >= 1)
            conv_str(args[0], &m);
        else
            buf_printf(&m, "Exception of type '%s' was thrown.", ti->name);
        const char *chain[32];
        int nc = 0;
        for (const struct type_info *b = ti; b && nc < 32;
             b = (b->base && b->base != TY_OBJECT) ? type_get(b->base) : NULL)
            chain[nc++] = b->name;
        val e = val_obj_new(chain[nc - 1]);
        for (int i = nc - 2; i >= 0; i--)
            e = val_obj_insert_type(e, chain[i]);
        e = val_obj_set(e, "Message", val_str_new(buf_cstr(&m)));
        e = val_obj_set(e, "InnerException", na >= 2 ? val_copy(args[1]) : val_null());
        e = val_obj_set(e, "\x01ToString", val_str_printf("%s: %s", ti->name, buf_cstr(&m)));
        buf_release(&m);
        *out = e;
        return na <= 2;
    }
    if (ti && ti->kind == TK_SCRIPT_CLASS) {
        if (conv_construct(t, args, na, out, err))
            return true;
        /* no constructor for the argument count: New-Object's own error */
        *failed = !err->id || strcmp(err->id, "CannotFindAppropriateCtor") != 0;
        return false;
    }
    const char *why = NULL;
    enum netobj_rc nr = netobj_new(t, args, na, out, &why);
    if (nr == NETOBJ_OK)
        return true;
    if (nr == NETOBJ_ERROR) {
        conv_fail(err, "ConstructorInvokedThrowException", "System.Management.Automation.MethodInvocationException",
                  "Exception calling \".ctor\" with \"%u\" argument(s): \"%s\"", na, why);
        *failed = true;
        return false;
    }
    if (t == TY_URI) {
        *out = uri_new(args, na, &why);
        if (val_kind(*out) != VAL_NOTHING)
            return true;
        if (why) {
            conv_fail(err, "ConstructorInvokedThrowException", "System.Management.Automation.MethodInvocationException",
                      "Exception calling \".ctor\" with \"%u\" argument(s): \"%s\"", na, why);
            *failed = true;
        }
        return false;
    }
    switch (t) {
    case TY_INT: case TY_LONG: case TY_DOUBLE: case TY_DECIMAL: case TY_BOOL: case TY_CHAR:
    case TY_BYTE: case TY_SBYTE: case TY_INT16: case TY_UINT16: case TY_UINT32: case TY_UINT64:
    case TY_SINGLE:
        if (na)
            return false;
        *failed = !conv_to_type(val_int(0), t, out, err);
        return !*failed;
    case TY_DATETIME: {
        if (!na) {
            *out = val_datetime(0, 0);
            return true;
        }
        if (na == 1) {
            int64_t ticks;
            if (!conv_to_int64(args[0], &ticks, err)) {
                *failed = true;
                return false;
            }
            *out = val_datetime(ticks, 0);
            return true;
        }
        if (na != 3 && na != 6 && na != 7)
            return false;
        int32_t p[7] = {0};
        for (uint32_t i = 0; i < na; i++)
            if (!conv_to_int32(args[i], &p[i], err)) {
                *failed = true;
                return false;
            }
        struct dt_parts parts;
        memset(&parts, 0, sizeof parts);
        parts.year = p[0];
        parts.month = p[1];
        parts.day = p[2];
        parts.hour = p[3];
        parts.minute = p[4];
        parts.second = p[5];
        parts.millisecond = p[6];
        int64_t ticks;
        enum dt_err de = dt_from_parts(&parts, &ticks);
        if (de) {
            conv_fail(err, "MethodInvocationException", "System.Management.Automation.MethodInvocationException",
                      "Exception calling \".ctor\" with \"%u\" argument(s): \"%s\"", na, dt_err_str(de));
            *failed = true;
            return false;
        }
        *out = val_datetime(ticks, 0);
        return true;
    }
    case TY_TIMESPAN: {
        if (!na) {
            *out = val_timespan(0);
            return true;
        }
        if (na == 1) {
            int64_t ticks;
            if (!conv_to_int64(args[0], &ticks, err)) {
                *failed = true;
                return false;
            }
            *out = val_timespan(ticks);
            return true;
        }
        if (na < 3 || na > 5)
            return false;
        int32_t p[5] = {0};
        for (uint32_t i = 0; i < na; i++)
            if (!conv_to_int32(args[i], &p[i], err)) {
                *failed = true;
                return false;
            }
        int64_t ticks;
        enum dt_err de = na == 3 ? ts_from_parts(0, p[0], p[1], p[2], 0, &ticks)
                                 : ts_from_parts(p[0], p[1], p[2], p[3], na == 5 ? p[4] : 0, &ticks);
        if (de) {
            conv_fail(err, "MethodInvocationException", "System.Management.Automation.MethodInvocationException",
                      "Exception calling \".ctor\" with \"%u\" argument(s): \"%s\"", na, dt_err_str(de));
            *failed = true;
            return false;
        }
        *out = val_timespan(ticks);
        return true;
    }
    case TY_GUID:
        if (!na) {
            uint8_t zero[16] = {0};
            *out = val_guid(zero);
            return true;
        }
        if (na != 1)
            return false;
        *failed = !conv_to_type(val_copy(args[0]), TY_GUID, out, err);
        return !*failed;
    default:
        return false;
    }
}

struct new_object_state {
    bool done;
};

/* The object is made once, when the command runs (not in begin: later stages begin after it). */
static enum ev new_object_process(struct cmd_ctx *c, val input)
{
    (void)input;
    struct new_object_state *st = cmd_state(c);
    if (st->done)
        return EV_OK;
    st->done = true;
    if (cmd_set(c) == 1) {
        return report(c, true, "NoCOMClassIdentified", "ResourceUnavailable",
                      "System.Runtime.InteropServices.COMException", val_nothing(),
                      "Retrieving the COM class factory for component with CLSID {00000000-0000-0000-0000-000000000000} failed due to the following error: 80040154 Class not registered (Exception from HRESULT: 0x80040154 (REGDB_E_CLASSNOTREG)).");
    }
    const char *name = arg_str(c, NO_TYPE_NAME);
    size_t n = name ? strlen(name) : 0;
    const char *tname = name ? name : "";
    size_t tn_len = n;
    if (tn_len > 2 && tname[0] == '[' && tname[tn_len - 1] == ']') {
        tname++;
        tn_len -= 2;
    }
    uint16_t t = tn_len ? type_lookup(tname, tn_len) : TY_NONE;
    if (!t)
        return report(c, true, "TypeNotFound", "InvalidType", E_ARG, val_nothing(),
                      "Cannot find type [%s]: verify that the assembly containing this type is loaded.", name ? name : "");
    val args = cmd_arg(c, NO_ARGUMENT_LIST);
    uint32_t na = arr_count(args);
    val *av = emsh_xmalloc((na ? na : 1) * sizeof *av);
    for (uint32_t i = 0; i < na; i++)
        av[i] = arr_at(args, i);
    val obj = val_nothing();
    struct conv_error err;
    memset(&err, 0, sizeof err);
    bool failed = false;
    bool ok = construct(t, av, na, &obj, &err, &failed);
    free(av);
    if (!ok) {
        val_free(obj);
        if (failed)
            return report(c, true, "ConstructorInvokedThrowException", "InvalidOperation",
                          "System.Management.Automation.MethodException", val_nothing(), "%s", err.msg);
        return no_ctor(c, name);
    }
    val props = cmd_arg(c, NO_PROPERTY);
    if (val_kind(props) == VAL_HASHTABLE) {
        for (uint32_t i = 0; i < val_hash_len(props); i++) {
            struct buf k = BUF_INIT;
            conv_str(val_hash_key_at(props, i), &k);
            val v = val_copy(val_hash_value_at(props, i));
            if (t == TY_PSOBJECT || t == TY_PSCUSTOMOBJECT) {
                val_obj_set(obj, buf_cstr(&k), v);
            } else if (val_kind(obj) == VAL_OBJECT && val_obj_has(obj, buf_cstr(&k)) && buf_cstr(&k)[0] != '\x01') {
                val_obj_set(obj, buf_cstr(&k), v);
            } else {
                val_free(v);
                enum ev rc = report(c, true, "InvalidOperationException", "InvalidOperation", E_INVOP, val_nothing(),
                                    "The member \"%s\" was not found for the specified .NET object.", buf_cstr(&k));
                buf_release(&k);
                val_free(obj);
                return rc;
            }
            buf_release(&k);
        }
    }
    enum ev rc = cmd_write(c, obj);
    return rc;
}

CMDLET_DEFINE(cmd_new_object, .process = new_object_process, .state_size = sizeof(struct new_object_state));

/* }================================================================== */

/*
** {==================================================================
** Add-Member
** ===================================================================
*/

enum {
    AM_INPUT_OBJECT, AM_MEMBER_TYPE, AM_NAME, AM_VALUE, AM_SECOND_VALUE, AM_TYPE_NAME, AM_FORCE,
    AM_PASS_THRU, AM_NOTE_PROPERTY_NAME, AM_NOTE_PROPERTY_VALUE, AM_NOTE_PROPERTY_MEMBERS
};

enum { SET_TYPENAME, SET_MEMBER, SET_NOTE_SINGLE, SET_NOTE_MULTI };

#define am_error(c, terminating, id, target, fmt, arg)                                             \
    report(c, terminating, id, "InvalidOperation", E_INVOP, target, fmt, arg)

/* Inserts -TypeName (a type accelerator becomes its full name) in front of the type names. */
static void am_type_name(struct cmd_ctx *c, val obj)
{
    const char *t = arg_str(c, AM_TYPE_NAME);
    if (!t)
        return;
    uint16_t id = type_lookup(t, strlen(t));
    val_obj_insert_type(obj, id ? type_name(id) : t);
}

/* AddMemberToTarget: false (after an error) when a member of that name exists and cannot go. */
static bool am_add(struct cmd_ctx *c, val obj, const char *name, val member, enum ev *rc)
{
    *rc = EV_OK;
    bool force = arg_on(c, AM_FORCE);
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(m_object); i++)
        if (ieq(m_object[i].name, name)) {
            val_free(member);
            *rc = force ? report(c, false, "CannotRemoveTypeDataMember", "InvalidOperation", E_INVOP, obj,
                                 "Cannot force the member with name \"%s\" and type \"Method\" to be added. A member with that name and type already exists, and the existing member is not an instance extension.",
                                 name)
                        : am_error(c, false, "MemberAlreadyExists", obj,
                                   "Cannot add a member with the name \"%s\" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.",
                                   name);
            return false;
        }
    if (val_kind(obj_stored(obj, name)) != VAL_NOTHING) {
        if (!force) {
            val_free(member);
            *rc = am_error(c, false, "MemberAlreadyExists", obj,
                           "Cannot add a member with the name \"%s\" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.",
                           name);
            return false;
        }
        val_obj_remove(obj, name);
    }
    val_obj_set(obj, name, member);
    return true;
}

/* A member object of kind `type` (PSAliasProperty ...), with its definition as its string form. */
static val member_obj(const char *type, const char *name)
{
    val m = val_obj_new(type);
    m = val_obj_set(m, MEMBER_MARK, val_bool(true));
    m = val_obj_set(m, "Name", val_str_new(name));
    return m;
}

/* Converts a -Value to a script block, as [scriptblock] would (false after an error). */
static bool to_block(struct cmd_ctx *c, val v, enum ev *rc)
{
    if (val_kind(v) == VAL_SCRIPTBLOCK || val_is_null(v))
        return true;
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    *rc = report(c, true, "InvalidCastToScriptBlock", "InvalidArgument",
                 "System.Management.Automation.PSInvalidCastException", val_nothing(),
                 "Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ScriptBlock\".",
                 buf_cstr(&b), conv_type_name(v));
    buf_release(&b);
    return false;
}

static enum ev add_member_process(struct cmd_ctx *c, val input)
{
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, AM_INPUT_OBJECT) : input;
    uint8_t set = cmd_set(c);
    const char *tname = arg_str(c, AM_TYPE_NAME);
    if (tname) {
        bool blank = true;
        for (const char *p = tname; *p; p++)
            if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
                blank = false;
        if (blank)
            return report(c, true, "TypeNameShouldNotBeEmpty", "InvalidOperation", E_INVOP, cmd_arg(c, AM_TYPE_NAME),
                          "The TypeName parameter should not be null, empty, or contain only white spaces.");
    }
    if (val_kind(obj) != VAL_OBJECT)
        return report(c, false, "CannotAddMemberToValue", "InvalidOperation", E_INVOP, obj,
                      "Cannot add a member to an object of type \"%s\": only custom objects and records can hold added members in this shell.",
                      val_is_null(obj) ? "null" : conv_type_name(obj));
    bool pass = arg_on(c, AM_PASS_THRU);
    enum ev rc = EV_OK;
    if (set == SET_TYPENAME) {
        am_type_name(c, obj);
        return pass ? cmd_write(c, val_copy(obj)) : EV_OK;
    }
    if (set == SET_NOTE_MULTI) {
        val h = cmd_arg(c, AM_NOTE_PROPERTY_MEMBERS);
        bool any = false;
        if (val_kind(h) != VAL_HASHTABLE)
            return report(c, true, "ParameterArgumentValidationError", "InvalidData",
                          "System.Management.Automation.ParameterBindingValidationException", val_nothing(),
                          "Cannot validate argument on parameter 'NotePropertyMembers'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.");
        for (uint32_t i = 0; i < val_hash_len(h) && !rc; i++) {
            struct buf k = BUF_INIT;
            conv_str(val_hash_key_at(h, i), &k);
            if (!k.len) {
                rc = report(c, false, "NotePropertyNameShouldNotBeNull", "InvalidOperation", E_INVOP, val_str_new(""),
                            "The name for a NoteProperty member should not be null or an empty string.");
                buf_release(&k);
                continue;
            }
            if (am_add(c, obj, buf_cstr(&k), val_copy(val_hash_value_at(h, i)), &rc))
                any = true;
            buf_release(&k);
        }
        if (rc || !any)
            return rc;
        am_type_name(c, obj);
        return pass ? cmd_write(c, val_copy(obj)) : EV_OK;
    }
    const char *name;
    val member;
    if (set == SET_NOTE_SINGLE) {
        val nv = cmd_arg(c, AM_NOTE_PROPERTY_NAME);
        struct buf nb = BUF_INIT;
        conv_str(nv, &nb);
        val nm = val_str_buf(&nb);
        val v = cmd_arg(c, AM_NOTE_PROPERTY_VALUE);
        bool ok = am_add(c, obj, val_str(nm), val_kind(v) == VAL_NOTHING ? val_null() : val_copy(v), &rc);
        val_free(nm);
        if (!ok)
            return rc;
    } else {
        struct buf tb = BUF_INIT;
        conv_str(cmd_arg(c, AM_MEMBER_TYPE), &tb);
        const char *mt = buf_cstr(&tb);
        name = arg_str(c, AM_NAME);
        bool has1 = cmd_bound(c, AM_VALUE), has2 = cmd_bound(c, AM_SECOND_VALUE);
        val v1 = has1 ? cmd_arg(c, AM_VALUE) : val_null(), v2 = has2 ? cmd_arg(c, AM_SECOND_VALUE) : val_null();
        member = val_nothing();
        if (ieq(mt, "NoteProperty")) {
            if (has2)
                rc = am_error(c, true, "Value2ShouldNotBeSpecified", val_nothing(),
                              "The SecondValue parameter is not necessary for a member of type \"%s\", and should not be specified. Do not specify the SecondValue parameter when you add members of this type.",
                              "NoteProperty");
            else
                member = val_copy(v1);
        } else if (ieq(mt, "AliasProperty")) {
            if (val_is_null(v1))
                rc = am_error(c, true, "Value1ShouldNotBeNull", val_nothing(),
                              "The Value parameter should not be null for a member of type \"%s\". Specify a non-null value for the Value parameter when adding members of this type.",
                              "AliasProperty");
            else if (has2 && val_is_null(v2))
                rc = am_error(c, true, "Value2ShouldNotBeNull", val_nothing(),
                              "The SecondValue parameter should not be null for a member of type \"%s\". Specify a non-null value for the SecondValue parameter when adding members of this type.",
                              "AliasProperty");
            else {
                struct buf ref = BUF_INIT;
                conv_str(v1, &ref);
                uint16_t ct = TY_NONE;
                if (has2) {
                    if (val_kind(v2) == VAL_TYPE)
                        ct = v2.aux;
                    else {
                        struct buf tt = BUF_INIT;
                        conv_str(v2, &tt);
                        ct = type_lookup(buf_cstr(&tt), tt.len);
                        if (!ct)
                            rc = report(c, true, "InvalidCastFromStringToType", "InvalidArgument",
                                        "System.Management.Automation.PSInvalidCastException", val_nothing(),
                                        "Cannot convert the \"%s\" value of type \"System.String\" to type \"System.Type\".",
                                        buf_cstr(&tt));
                        buf_release(&tt);
                    }
                }
                if (!rc) {
                    member = member_obj(T_ALIAS, name);
                    member = val_obj_set(member, "ReferencedMemberName", val_str_new(buf_cstr(&ref)));
                    member = val_obj_set(member, "ConversionType", ct ? val_type(ct) : val_null());
                    member = val_obj_set(member, "\x01ToString",
                                         ct ? val_str_printf("%s = (%s)%s", name, type_name(ct), buf_cstr(&ref))
                                            : val_str_printf("%s = %s", name, buf_cstr(&ref)));
                }
                buf_release(&ref);
            }
        } else if (ieq(mt, "ScriptProperty")) {
            if (val_is_null(v1) && val_is_null(v2))
                rc = am_error(c, true, "Value1AndValue2AreNotBothNull", val_nothing(),
                              "Both Value and SecondValue parameters should not be null for a member of type \"%s\". Specify a non-null value for one of the two parameters.",
                              "ScriptProperty");
            else if (to_block(c, v1, &rc) && to_block(c, v2, &rc)) {
                member = member_obj(T_SCRIPTPROP, name);
                member = val_obj_set(member, "GetterScript", val_copy(v1));
                member = val_obj_set(member, "SetterScript", val_copy(v2));
                struct buf d = BUF_INIT;
                buf_printf(&d, "System.Object %s {", name);
                if (!val_is_null(v1)) {
                    buf_puts(&d, "get=");
                    conv_str(v1, &d);
                    buf_putc(&d, ';');
                }
                if (!val_is_null(v2)) {
                    buf_puts(&d, "set=");
                    conv_str(v2, &d);
                    buf_putc(&d, ';');
                }
                buf_putc(&d, '}');
                member = val_obj_set(member, "\x01ToString", val_str_buf(&d));
            }
        } else if (ieq(mt, "ScriptMethod")) {
            if (has2)
                rc = am_error(c, true, "Value2ShouldNotBeSpecified", val_nothing(),
                              "The SecondValue parameter is not necessary for a member of type \"%s\", and should not be specified. Do not specify the SecondValue parameter when you add members of this type.",
                              "ScriptMethod");
            else if (val_is_null(v1))
                rc = am_error(c, true, "Value1ShouldNotBeNull", val_nothing(),
                              "The Value parameter should not be null for a member of type \"%s\". Specify a non-null value for the Value parameter when adding members of this type.",
                              "ScriptMethod");
            else if (to_block(c, v1, &rc)) {
                member = member_obj(T_SCRIPTMETHOD, name);
                member = val_obj_set(member, "Script", val_copy(v1));
                member = val_obj_set(member, "\x01ToString", val_str_printf("System.Object %s();", name));
            }
        } else {
            rc = am_error(c, true, "CannotAddMemberType", val_nothing(),
                          "Cannot add a member with type \"%s\". Specify a different type for the MemberTypes parameter.",
                          mt);
        }
        buf_release(&tb);
        if (rc) {
            val_free(member);
            return rc;
        }
        if (!am_add(c, obj, name, member, &rc))
            return rc;
    }
    am_type_name(c, obj);
    return pass ? cmd_write(c, val_copy(obj)) : EV_OK;
}

CMDLET_DEFINE(cmd_add_member, .process = add_member_process);

/* }================================================================== */

/*
** {==================================================================
** Get-Member
** ===================================================================
*/

enum { GM_INPUT_OBJECT, GM_NAME, GM_MEMBER_TYPE, GM_VIEW, GM_STATIC, GM_FORCE };

struct gm_state {
    val seen;      /* the type names listed already */
    unsigned want; /* the PSMemberTypes to list, after -View */
};

static const char *const view_names[] = {"Extended", "Adapted", "Base", "All"};
static const int64_t view_values[] = {1, 2, 4, 7};

/*
** A [Flags] enum argument (names, comma-separated names, numbers or an
** array of them) as its bits; false with PowerShell's conversion error.
*/
static bool flags_arg(struct cmd_ctx *c, uint16_t param, const char *type, const char *const *names,
                      const int64_t *values, size_t n, unsigned *out, enum ev *rc)
{
    val v = cmd_arg(c, param);
    struct buf text = BUF_INIT;
    for (uint32_t i = 0; i < arr_count(v); i++) {
        if (i)
            buf_putc(&text, ',');
        conv_str(arr_at(v, i), &text);
    }
    *out = 0;
    const char *s = buf_cstr(&text);
    bool ok = true;
    for (const char *p = s; ok;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ',')
            e++;
        size_t len = (size_t)(e - p);
        while (len && p[len - 1] == ' ')
            len--;
        bool hit = false;
        char *end = NULL;
        long num = len ? strtol(p, &end, 10) : 0;
        if (len && end == p + len) {
            *out |= (unsigned)num;
            hit = true;
        }
        for (size_t k = 0; k < n && !hit; k++)
            if (len && text_ieq(names[k], strlen(names[k]), p, len)) {
                *out |= (unsigned)values[k];
                hit = true;
            }
        if (!hit) {
            struct buf all = BUF_INIT;
            for (size_t k = 0; k < n; k++)
                buf_printf(&all, "%s%s", k ? ", " : "", names[k]);
            *rc = report(c, true, "CannotConvertArgumentNoMessage", "InvalidArgument",
                         "System.Management.Automation.ParameterBindingException", val_nothing(),
                         "Cannot bind parameter '%s'. Cannot convert value \"%s\" to type \"%s\". Error: \"Unable to match the identifier name %.*s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s\"",
                         c->meta->params[param].name, s, type, (int)len, p, buf_cstr(&all));
            buf_release(&all);
            ok = false;
            break;
        }
        if (!*e)
            break;
        p = e + 1;
    }
    buf_release(&text);
    return ok;
}

/* MemberDefinition's table view: one group per type, as PowerShellCore.format.ps1xml has it. */
static const char *const memberdef_types[] = {"Microsoft.PowerShell.Commands.MemberDefinition", NULL};
static const struct fmt_column memberdef_columns[] = {
    {NULL, "Name", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
    {NULL, "MemberType", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
    {NULL, "Definition", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};
static const struct fmt_view memberdef_view = {
    .name = "MemberDefinition", .types = memberdef_types, .shape = FMT_SHAPE_TABLE,
    .columns = memberdef_columns, .ncolumns = 3, .group_by = "TypeName"};

static enum ev gm_begin(struct cmd_ctx *c)
{
    static bool view_done;
    if (!view_done) {
        view_done = true;
        fmt_register_view(&memberdef_view);
    }
    struct gm_state *st = cmd_state(c);
    st->seen = val_arr_new();
    st->want = MT_ALL;
    enum ev rc = EV_OK;
    if (cmd_bound(c, GM_MEMBER_TYPE) &&
        !flags_arg(c, GM_MEMBER_TYPE, "System.Management.Automation.PSMemberTypes", mt_names, mt_values,
                   EMSH_ARRAY_SIZE(mt_names), &st->want, &rc))
        return rc;
    unsigned view = 3; /* Adapted, Extended */
    if (cmd_bound(c, GM_VIEW) &&
        !flags_arg(c, GM_VIEW, "System.Management.Automation.PSMemberViewTypes", view_names, view_values,
                   EMSH_ARRAY_SIZE(view_names), &view, &rc))
        return rc;
    if (!(view & 1))
        st->want &= ~(unsigned)(MT_ALIAS | MT_CODEPROP | MT_NOTE | MT_SCRIPTPROP | MT_PROPSET | MT_CODEMETHOD |
                                MT_SCRIPTMETHOD | MT_MEMBERSET);
    if (!(view & 6))
        st->want &= ~(unsigned)(MT_PROPERTY | MT_PARAMPROP | MT_METHOD);
    return EV_OK;
}

static void gm_release(void *p)
{
    struct gm_state *st = p;
    val_free(st->seen);
}

/*
** ToStringCodeMethods.Type: the accelerator of a value's type when it has
** one, else the full name (or the last part of it with short_names).
*/
static void type_display(val v, bool short_names, struct buf *b)
{
    const char *full;
    switch (val_kind(v)) {
    case VAL_NULL:
    case VAL_NOTHING:
        buf_puts(b, short_names ? "object" : "System.Object");
        return;
    case VAL_STRING: buf_puts(b, "string"); return;
    case VAL_INT: buf_puts(b, "int"); return;
    case VAL_LONG: buf_puts(b, "long"); return;
    case VAL_DOUBLE: buf_puts(b, "double"); return;
    case VAL_DECIMAL: buf_puts(b, "decimal"); return;
    case VAL_BOOL: buf_puts(b, "bool"); return;
    case VAL_CHAR: buf_puts(b, "char"); return;
    case VAL_DATETIME: buf_puts(b, "datetime"); return;
    case VAL_TIMESPAN: buf_puts(b, "timespan"); return;
    case VAL_GUID: buf_puts(b, "guid"); return;
    case VAL_SWITCH: buf_puts(b, "switch"); return;
    case VAL_SCRIPTBLOCK: buf_puts(b, "scriptblock"); return;
    case VAL_HASHTABLE:
        if (!(v.flags & VF_ORDERED)) {
            buf_puts(b, "hashtable");
            return;
        }
        break;
    case VAL_OBJECT:
        buf_puts(b, val_obj_type_at(v, 0));
        return;
    default:
        break;
    }
    full = conv_type_name(v);
    if (val_kind(v) == VAL_ARRAY && val_arr_flavour(v) == ARR_OBJECT)
        full = short_names ? "Object[]" : "System.Object[]";
    if (short_names) {
        /* the name without its namespace (generic arguments keep theirs) */
        const char *br = strchr(full, '[');
        size_t lim = br ? (size_t)(br - full) : strlen(full);
        const char *dot = NULL;
        for (size_t i = 0; i < lim; i++)
            if (full[i] == '.')
                dot = full + i;
        buf_puts(b, dot ? dot + 1 : full);
        return;
    }
    buf_puts(b, full);
}

struct gm_item {
    char *name;
    unsigned kind;
    char *def;
};

static void gm_push(struct gm_item **v, uint32_t *n, const char *name, unsigned kind, const char *def)
{
    *v = emsh_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[*n].name = emsh_xstrndup(name, strlen(name));
    (*v)[*n].kind = kind;
    (*v)[*n].def = emsh_xstrndup(def, strlen(def));
    (*n)++;
}

static const char *mt_name(unsigned kind)
{
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(mt_names); i++)
        if ((unsigned)mt_values[i] == kind)
            return mt_names[i];
    return "";
}

static int gm_cmp(const void *a, const void *b)
{
    const struct gm_item *x = a, *y = b;
    const char *mx = mt_name(x->kind), *my = mt_name(y->kind);
    int r = text_icmp(mx, strlen(mx), my, strlen(my));
    if (r)
        return r;
    return text_icmp(x->name, strlen(x->name), y->name, strlen(y->name));
}

/* The members of an object value: its methods, then its properties as they are stored. */
static void gm_object_members(val obj, struct gm_item **items, uint32_t *n)
{
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(m_object); i++)
        gm_push(items, n, m_object[i].name, m_object[i].kind, m_object[i].def);
    val rows = conv_class_members(obj);
    if (val_kind(rows) == VAL_ARRAY) {
        /* a script class instance: its declared properties and methods */
        for (uint32_t i = 0; i < val_arr_len(rows); i++) {
            const val *r = val_arr_items(val_arr_items(rows)[i]);
            bool method = !strcmp(val_str(r[1]), "Method");
            bool dup = false;
            for (uint32_t k = 0; k < *n && method; k++)
                if ((*items)[k].kind == MT_METHOD && ieq((*items)[k].name, val_str(r[0])) &&
                    !strcmp((*items)[k].def, val_str(r[2])))
                    dup = true;
            if (!dup)
                gm_push(items, n, val_str(r[0]), method ? MT_METHOD : MT_PROPERTY, val_str(r[2]));
        }
        val_free(rows);
        return;
    }
    bool custom = is_custom(obj);
    for (uint32_t i = 0; i < val_obj_len(obj); i++) {
        const char *pn = val_obj_name_at(obj, i);
        if (pn[0] == '\x01')
            continue;
        val pv = val_obj_value_at(obj, i);
        unsigned kind = stored_kind(pv);
        struct buf d = BUF_INIT;
        if (kind != MT_NOTE) {
            val ts = val_obj_get(pv, "\x01ToString");
            buf_puts(&d, val_str(ts));
            val_free(ts);
        } else if (custom) {
            type_display(pv, true, &d);
            buf_printf(&d, " %s=", pn);
            if (val_is_null(pv))
                buf_puts(&d, "null");
            else
                net_string(pv, &d);
        } else {
            kind = MT_PROPERTY;
            type_display(pv, false, &d);
            buf_printf(&d, " %s {get;set;}", pn);
        }
        gm_push(items, n, pn, kind, buf_cstr(&d));
        buf_release(&d);
    }
}

static enum ev gm_process(struct cmd_ctx *c, val input)
{
    struct gm_state *st = cmd_state(c);
    val obj = val_kind(input) == VAL_NOTHING ? cmd_arg(c, GM_INPUT_OBJECT) : input;
    if (val_is_null(obj))
        return EV_OK;
    bool is_static = arg_on(c, GM_STATIC);
    const char *tname = is_static ? (val_kind(obj) == VAL_TYPE ? type_name(obj.aux) : base_type_name(obj))
                                  : first_type_name(obj);
    for (uint32_t i = 0; i < val_arr_len(st->seen); i++)
        if (!strcmp(val_str(val_arr_items(st->seen)[i]), tname))
            return EV_OK;
    st->seen = val_arr_push(st->seen, val_str_new(tname));
    unsigned want = st->want;
    struct gm_item *items = NULL;
    uint32_t n = 0;
    if (is_static) {
        gm_push(&items, &n, "Equals", MT_METHOD, "static bool Equals(System.Object objA, System.Object objB)");
        gm_push(&items, &n, "ReferenceEquals", MT_METHOD,
                "static bool ReferenceEquals(System.Object objA, System.Object objB)");
    } else if (val_kind(obj) == VAL_OBJECT) {
        gm_object_members(obj, &items, &n);
    } else {
        size_t nm;
        const struct mdef *m = net_members(obj, &nm);
        for (size_t i = 0; i < nm; i++)
            gm_push(&items, &n, m[i].name, m[i].kind, m[i].def);
        if (arg_on(c, GM_FORCE)) {
            /* the property accessors -Force shows */
            for (size_t i = 0; i < nm; i++) {
                if (m[i].kind != MT_PROPERTY)
                    continue;
                const char *sp = strchr(m[i].def, ' ');
                struct buf nmb = BUF_INIT, d = BUF_INIT;
                buf_printf(&nmb, "get_%s", m[i].name);
                buf_add(&d, m[i].def, sp ? (size_t)(sp - m[i].def) : 0);
                buf_printf(&d, " get_%s()", m[i].name);
                gm_push(&items, &n, buf_cstr(&nmb), MT_METHOD, buf_cstr(&d));
                buf_release(&nmb);
                buf_release(&d);
            }
        }
    }
    qsort(items, n, sizeof *items, gm_cmp);
    val names = cmd_arg(c, GM_NAME);
    uint32_t nn = cmd_bound(c, GM_NAME) ? arr_count(names) : 1;
    enum ev rc = EV_OK;
    for (uint32_t k = 0; k < nn && !rc; k++) {
        struct buf pat = BUF_INIT;
        if (cmd_bound(c, GM_NAME))
            conv_str(arr_at(names, k), &pat);
        else
            buf_puts(&pat, "*");
        for (uint32_t i = 0; i < n && !rc; i++) {
            if (!(items[i].kind & want))
                continue;
            if (wc_match(buf_cstr(&pat), pat.len, items[i].name, strlen(items[i].name), WC_NONE) != 1)
                continue;
            val r = val_obj_new("Microsoft.PowerShell.Commands.MemberDefinition");
            r = val_obj_set(r, "TypeName", val_str_new(tname));
            r = val_obj_set(r, "Name", val_str_new(items[i].name));
            r = val_obj_set(r, "MemberType", val_enum(mt_type(), items[i].kind));
            r = val_obj_set(r, "Definition", val_str_new(items[i].def));
            r = val_obj_set(r, "\x01ToString", val_str_new(items[i].def));
            rc = cmd_write(c, r);
        }
        buf_release(&pat);
    }
    for (uint32_t i = 0; i < n; i++) {
        free(items[i].name);
        free(items[i].def);
    }
    free(items);
    return rc;
}

static enum ev gm_end(struct cmd_ctx *c)
{
    struct gm_state *st = cmd_state(c);
    if (val_kind(st->seen) == VAL_ARRAY && val_arr_len(st->seen))
        return EV_OK;
    return report(c, false, "NoObjectInGetMember", "CloseError", E_INVOP, val_nothing(),
                  "You must specify an object for the Get-Member cmdlet.");
}

CMDLET_DEFINE(cmd_get_member, .begin = gm_begin, .process = gm_process, .end = gm_end, .state_size = sizeof(struct gm_state),
              .release = gm_release);

/* }================================================================== */
