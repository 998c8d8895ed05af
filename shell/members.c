/*
** members.c - properties, methods and indexing on values.
**
** PowerShell reaches .NET members; emsh models the members scripts use, by
** the kind of the value: properties of objects (and member enumeration
** over arrays: `$dbs.Name`), hashtable keys as properties, the intrinsic
** Count and Length of every value, and the methods of strings, arrays,
** hashtables, dates and time spans, plus the static members of the types
** admin scripts call ([math]::Round, [string]::IsNullOrEmpty ...). A member
** that is not modelled is a clear error naming it, never a silent $null
** (reading an absent property is $null, as in PowerShell).
**
** Members added with Add-Member (alias and script properties, script
** methods) resolve here for member access and assignment, and
** ev_resolved_view() shows an object with them read for formatting. The
** members of script classes (methods, typed and static properties) come
** from typedefs.c; decimals use decimal.c and [uri] uri.c.
*/
#include "eval_int.h"
#include "datetime.h"
#include "netaddr.h"
#include "netfmt.h"
#include "item.h"
#include "netenc.h"
#include "netio.h"
#include "netobj.h"
#include "ops.h"
#include "regex.h"
#include "rxvalue.h"
#include "text.h"
#include "types.h"
#include "uri.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <time.h>
#include <unistd.h>

static bool is(val name, const char *lit)
{
    return text_ieq(val_str(name), val_str_len(name), lit, strlen(lit));
}

static enum ev no_method(struct interp *in, const struct ast_node *at, val target, val name, bool is_static)
{
    struct buf m = BUF_INIT;
    const char *tn = is_static && val_kind(target) == VAL_TYPE ? type_name(target.aux) : conv_type_name(target);
    buf_printf(&m, "Method invocation failed because [%s] does not contain a method named '%s'.", tn, val_str(name));
    struct err_spec spec = {buf_cstr(&m), "MethodNotFound", "InvalidOperation",
                            "System.Management.Automation.RuntimeException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

static enum ev bad_args(struct interp *in, const struct ast_node *at, val name, uint32_t nargs)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "Cannot find an overload for \"%s\" and the argument count: \"%u\".", val_str(name), nargs);
    struct err_spec spec = {buf_cstr(&m), "MethodCountCouldNotFindBest", "NotSpecified",
                            "System.Management.Automation.MethodException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

/* A .NET method threw exception `exc` (its short name, the error's id) with message why. */
static enum ev method_threw(struct interp *in, const struct ast_node *at, val name, uint32_t nargs, const char *exc,
                            const char *why)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "Exception calling \"%s\" with \"%u\" argument(s): \"%s\"", val_str(name), nargs, why);
    struct err_spec spec = {buf_cstr(&m), exc, "NotSpecified",
                            "System.Management.Automation.MethodInvocationException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

/*
** The .NET exception that throws a message of .NET's (the error's id, as
** PowerShell names a MethodInvocationException by its inner exception):
** [int]::Parse('x') is FormatException, a bad index ArgumentOutOfRange.
*/
static const char *exception_of(const char *why)
{
    static const struct {
        const char *start, *exception;
    } known[] = {
        {"Input string was not in a correct format", "FormatException"},
        {"String was not recognized as a valid", "FormatException"},
        {"Could not find any recognizable digits", "FormatException"},
        {"Unrecognized Guid format", "FormatException"},
        {"Guid should contain", "FormatException"},
        {"Value was either too large or too small", "OverflowException"},
        {"Attempted to divide by zero", "DivideByZeroException"},
        {"Value cannot be null", "ArgumentNullException"},
        {"Array cannot be null", "ArgumentNullException"},
        {"String reference not set", "ArgumentNullException"},
        {"String cannot be of zero length", "ArgumentException"},
        {"parsing \"", "ArgumentException"}, /* a regular expression's */
        {"Queue empty", "InvalidOperationException"},
        {"Stack empty", "InvalidOperationException"},
    };
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(known); i++)
        if (!strncmp(why, known[i].start, strlen(known[i].start)))
            return known[i].exception;
    return "ArgumentOutOfRangeException";
}

static enum ev method_error(struct interp *in, const struct ast_node *at, val name, uint32_t nargs,
                            const char *why)
{
    return method_threw(in, at, name, nargs, exception_of(why), why);
}

/* A Dictionary[K,V]'s type, or NULL for a Hashtable (and any other value). */
static const struct type_info *dict_type(val t)
{
    const struct type_info *ti = type_get(val_hash_type(t));
    return ti && ti->kind == TK_DICT ? ti : NULL;
}

/*
** {==================================================================
** Properties
** ===================================================================
*/

static bool datetime_prop(val t, val name, val *out)
{
    struct dt_parts p;
    dt_to_parts(t.u.i, &p);
    if (is(name, "Year")) *out = val_int(p.year);
    else if (is(name, "Month")) *out = val_int(p.month);
    else if (is(name, "Day")) *out = val_int(p.day);
    else if (is(name, "Hour")) *out = val_int(p.hour);
    else if (is(name, "Minute")) *out = val_int(p.minute);
    else if (is(name, "Second")) *out = val_int(p.second);
    else if (is(name, "Millisecond")) *out = val_int(p.millisecond);
    else if (is(name, "DayOfYear")) *out = val_int(p.day_of_year);
    else if (is(name, "Ticks")) *out = val_long(t.u.i);
    else if (is(name, "Date")) *out = val_datetime(t.u.i - t.u.i % DT_TICKS_PER_DAY, t.flags);
    else if (is(name, "TimeOfDay")) *out = val_timespan(t.u.i % DT_TICKS_PER_DAY);
    else if (is(name, "DayOfWeek")) {
        static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
        static uint16_t dow;
        if (!dow) {
            int64_t vals[7] = {0, 1, 2, 3, 4, 5, 6};
            dow = type_enum("System.DayOfWeek", days, vals, 7, false);
        }
        *out = val_enum(dow, p.day_of_week);
    } else if (is(name, "Kind")) {
        *out = val_str_new((t.flags & VF_UTC) ? "Utc" : (t.flags & VF_LOCAL) ? "Local" : "Unspecified");
    } else
        return false;
    return true;
}

static bool timespan_prop(val t, val name, val *out)
{
    int64_t k = t.u.i;
    if (is(name, "Days")) *out = val_int(ts_days(k));
    else if (is(name, "Hours")) *out = val_int(ts_hours(k));
    else if (is(name, "Minutes")) *out = val_int(ts_minutes(k));
    else if (is(name, "Seconds")) *out = val_int(ts_seconds(k));
    else if (is(name, "Milliseconds")) *out = val_int(ts_milliseconds(k));
    else if (is(name, "Ticks")) *out = val_long(k);
    else if (is(name, "TotalDays")) *out = val_double(ts_total_days(k));
    else if (is(name, "TotalHours")) *out = val_double(ts_total_hours(k));
    else if (is(name, "TotalMinutes")) *out = val_double(ts_total_minutes(k));
    else if (is(name, "TotalSeconds")) *out = val_double(ts_total_seconds(k));
    else if (is(name, "TotalMilliseconds")) *out = val_double(ts_total_milliseconds(k));
    else
        return false;
    return true;
}

/* The first of some environment variables that is set, else NULL (a new value otherwise). */
static val first_env(struct interp *in, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        val v = ev_var_get(in, names[i], strlen(names[i]));
        if (!val_is_null(v) && val_str_len(v))
            return v;
        val_free(v);
    }
    return val_nothing();
}

/*
** [Environment]'s properties: the machine's and the user's names (the
** computer emsh stands for, COMPUTERNAME, else this host's short name in
** capitals), the process's directory, and the OS of Windows Server 2019,
** where Exchange 2019 runs.
*/
static bool environment_prop(struct interp *in, val name, val *out)
{
    if (is(name, "MachineName") || is(name, "UserDomainName")) {
        static const char *const vars[] = {"env:USERDOMAIN", "env:COMPUTERNAME"};
        *out = first_env(in, vars + is(name, "MachineName"), is(name, "MachineName") ? 1 : 2);
        if (val_kind(*out) == VAL_NOTHING) {
            char host[256] = "";
            gethostname(host, sizeof host - 1);
            host[strcspn(host, ".")] = '\0';
            for (char *c = host; *c; c++)
                *c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
            *out = val_str_new(host);
        }
    } else if (is(name, "UserName")) {
        static const char *const vars[] = {"env:USERNAME", "env:USER"};
        *out = first_env(in, vars, 2);
        if (val_kind(*out) == VAL_NOTHING) {
            const struct passwd *pw = getpwuid(getuid());
            *out = val_str_new(pw ? pw->pw_name : "");
        }
    } else if (is(name, "CurrentDirectory")) {
        char cwd[4096];
        *out = val_str_new(getcwd(cwd, sizeof cwd) ? cwd : "/");
    } else if (is(name, "ProcessorCount")) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        *out = val_int(n > 0 ? (int32_t)n : 1);
    } else if (is(name, "Is64BitProcess") || is(name, "Is64BitOperatingSystem")) {
        *out = val_bool(true);
    } else if (is(name, "OSVersion")) {
        struct conv_error err;
        val v = val_obj_new("System.OperatingSystem");
        val ver;
        v = val_obj_set(v, "Platform", val_str_new("Win32NT"));
        v = val_obj_set(v, "ServicePack", val_str_new(""));
        v = val_obj_set(v, "Version", conv_to_type(val_str_new("10.0.17763.0"), TY_VERSION, &ver, &err) ? ver : val_null());
        v = val_obj_set(v, "VersionString", val_str_new("Microsoft Windows NT 10.0.17763.0"));
        *out = val_obj_set(v, "\x01ToString", val_str_new("Microsoft Windows NT 10.0.17763.0"));
    } else if (is(name, "TickCount")) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        *out = val_int((int32_t)(uint32_t)((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000));
    } else {
        return false;
    }
    return true;
}

static enum ev static_prop(struct interp *in, const struct ast_node *at, val type, val name, val *out)
{
    uint16_t t = type.aux;
    const struct type_info *ti = type_get(t);
    if (ti && ti->kind == TK_SCRIPT_CLASS) {
        bool handled;
        enum ev rc = ev_class_static_get(in, at, t, val_str(name), out, &handled);
        if (handled || rc)
            return rc;
    }
    if (ti && ti->kind == TK_ENUM) {
        int64_t v;
        if (type_enum_value(t, val_str(name), val_str_len(name), &v)) {
            *out = val_enum(t, v);
            return EV_OK;
        }
    }
    if (netobj_static(t, val_str(name), NULL, 0, false, out) == NETOBJ_OK)
        return EV_OK;
    const char *why = NULL;
    if (netenc_static(t, val_str(name), NULL, 0, false, out, &why) == NETOBJ_OK)
        return EV_OK;
    if (t == TY_IPADDRESS) {
        static const struct {
            const char *name, *text;
        } known[] = {{"Any", "0.0.0.0"},      {"Loopback", "127.0.0.1"}, {"Broadcast", "255.255.255.255"},
                     {"None", "255.255.255.255"}, {"IPv6Any", "::"}, {"IPv6Loopback", "::1"}, {"IPv6None", "::"}};
        for (size_t i = 0; i < EMSH_ARRAY_SIZE(known); i++)
            if (is(name, known[i].name)) {
                *out = netaddr_ip(known[i].text, strlen(known[i].text), &why);
                return EV_OK;
            }
    }
    switch (t) {
    case TY_MATH:
        if (is(name, "PI")) { *out = val_double(3.14159265358979323846); return EV_OK; }
        if (is(name, "E")) { *out = val_double(2.7182818284590452354); return EV_OK; }
        break;
    case TY_INT:
        if (is(name, "MaxValue")) { *out = val_int(INT32_MAX); return EV_OK; }
        if (is(name, "MinValue")) { *out = val_int(INT32_MIN); return EV_OK; }
        break;
    case TY_LONG:
        if (is(name, "MaxValue")) { *out = val_long(INT64_MAX); return EV_OK; }
        if (is(name, "MinValue")) { *out = val_long(INT64_MIN); return EV_OK; }
        break;
    case TY_DOUBLE:
        if (is(name, "MaxValue")) { *out = val_double(1.7976931348623157e308); return EV_OK; }
        if (is(name, "MinValue")) { *out = val_double(-1.7976931348623157e308); return EV_OK; }
        if (is(name, "NaN")) { *out = val_double(NAN); return EV_OK; }
        if (is(name, "PositiveInfinity")) { *out = val_double(INFINITY); return EV_OK; }
        if (is(name, "NegativeInfinity")) { *out = val_double(-INFINITY); return EV_OK; }
        break;
    case TY_STRING:
        if (is(name, "Empty")) { *out = val_str_new(""); return EV_OK; }
        break;
    case TY_DECIMAL: {
        struct dec d = dec_from_int64(0);
        if (is(name, "MaxValue") || is(name, "MinValue")) {
            d.lo = UINT64_MAX;
            d.hi = UINT32_MAX;
            d.neg = is(name, "MinValue");
        } else if (is(name, "One") || is(name, "MinusOne")) {
            d = dec_from_int64(is(name, "One") ? 1 : -1);
        } else if (!is(name, "Zero")) {
            break;
        }
        *out = val_dec(d);
        return EV_OK;
    }
    case TY_DATETIME:
        if (is(name, "Now")) { *out = val_datetime(dt_now_local(), VF_LOCAL); return EV_OK; }
        if (is(name, "UtcNow")) { *out = val_datetime(dt_now(), VF_UTC); return EV_OK; }
        if (is(name, "Today")) {
            int64_t n = dt_now_local();
            *out = val_datetime(n - n % DT_TICKS_PER_DAY, VF_LOCAL);
            return EV_OK;
        }
        if (is(name, "MinValue")) { *out = val_datetime(0, 0); return EV_OK; }
        if (is(name, "MaxValue")) { *out = val_datetime(DT_MAX_TICKS, 0); return EV_OK; }
        break;
    case TY_TIMESPAN:
        if (is(name, "Zero")) { *out = val_timespan(0); return EV_OK; }
        if (is(name, "MaxValue")) { *out = val_timespan(INT64_MAX); return EV_OK; }
        if (is(name, "MinValue")) { *out = val_timespan(INT64_MIN); return EV_OK; }
        break;
    case TY_GUID:
        if (is(name, "Empty")) {
            uint8_t z[16] = {0};
            *out = val_guid(z);
            return EV_OK;
        }
        break;
    case TY_ENVIRONMENT:
        if (is(name, "NewLine")) { *out = val_str_new("\n"); return EV_OK; }
        if (environment_prop(in, name, out))
            return EV_OK;
        break;
    case TY_PATH:
        if (is(name, "DirectorySeparatorChar")) { *out = val_char('/'); return EV_OK; }
        if (is(name, "PathSeparator")) { *out = val_char(':'); return EV_OK; }
        break;
    default:
        break;
    }
    struct buf m = BUF_INIT;
    buf_printf(&m, "The property '%s' cannot be found on type [%s].", val_str(name), type_name(t));
    struct err_spec spec = {buf_cstr(&m), "PropertyNotFound", "InvalidOperation",
                            "System.Management.Automation.RuntimeException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

/*
** {==================================================================
** Added members: AliasProperty, ScriptProperty, ScriptMethod
** ===================================================================
*/

/*
** Add-Member stores a member other than a note property as a property whose
** value is a member object (see c_object.c): a VAL_OBJECT with the hidden
** "\x01Member" and the type name PSAliasProperty, PSScriptProperty or
** PSScriptMethod.
*/
enum added { ADDED_NONE, ADDED_ALIAS, ADDED_SCRIPTPROP, ADDED_SCRIPTMETHOD };

static enum added added_kind(val v)
{
    if (val_kind(v) != VAL_OBJECT || !val_obj_ntypes(v) || !val_obj_has(v, "\x01Member"))
        return ADDED_NONE;
    const char *t = val_obj_type_at(v, 0);
    if (!strcmp(t, "System.Management.Automation.PSAliasProperty"))
        return ADDED_ALIAS;
    if (!strcmp(t, "System.Management.Automation.PSScriptProperty"))
        return ADDED_SCRIPTPROP;
    if (!strcmp(t, "System.Management.Automation.PSScriptMethod"))
        return ADDED_SCRIPTMETHOD;
    return ADDED_NONE;
}

/* Runs script with $this = target and the arguments; *out its output as an assignment sees it. */
static enum ev call_with_this(struct interp *in, const struct ast_node *at, val target, val script,
                              const val *args, uint32_t na, val *out)
{
    struct collector c;
    collector_init(&c);
    struct scope *saved = in->scope;
    in->scope = scope_new(saved, SCOPE_FUNCTION);
    struct var *tv = scope_define(in->scope, "this", 4);
    val_free(tv->value);
    tv->value = val_copy(target);
    enum ev rc = ev_call_scriptblock(in, at, script, val_nothing(), args, na, &c.s);
    scope_release(in->scope);
    in->scope = saved;
    if (rc) {
        val_free(c.items);
        return rc;
    }
    *out = collector_result(&c);
    return EV_OK;
}

/*
** A script property's setter that is missing or failed: PowerShell reports
** it as "Exception setting" with the reason (the record of a failure is
** consumed).
*/
static enum ev setting_failed(struct interp *in, const struct ast_node *at, const char *name, const char *why)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "Exception setting \"%s\": \"%s\"", name, why);
    struct err_spec spec = {buf_cstr(&m), "ExceptionWhenSetting", "NotSpecified",
                            "System.Management.Automation.SetValueInvocationException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

/* A property that can't be set: read-only, or on $null. */
static enum ev property_assignment_error(struct interp *in, const struct ast_node *at, val name, bool on_null)
{
    struct buf m = BUF_INIT;
    if (on_null)
        buf_printf(&m, "The property '%s' cannot be found on this object. Verify that the property exists and can be set.", val_str(name));
    else
        buf_printf(&m, "'%s' is a ReadOnly property.", val_str(name));
    struct err_spec spec = {buf_cstr(&m), "PropertyAssignmentException", "InvalidOperation",
                            "System.Management.Automation.RuntimeException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

/* The message of the error under way (in->thrown), consumed. */
static void thrown_message(struct interp *in, struct buf *out)
{
    val ex = val_kind(in->thrown) == VAL_OBJECT ? val_obj_get(in->thrown, "Exception") : val_nothing();
    val msg = val_kind(ex) == VAL_OBJECT ? val_obj_get(ex, "Message") : val_nothing();
    conv_str(msg, out);
    val_free(msg);
    val_free(ex);
    val_free(in->thrown);
    in->thrown = val_null();
}

static int alias_depth;

/* The value of an added property: the aliased member (converted), or the getter's output. */
static enum ev added_value(struct interp *in, const struct ast_node *at, val target, val member, val *out)
{
    enum added k = added_kind(member);
    if (k == ADDED_ALIAS) {
        val ref = val_obj_get(member, "ReferencedMemberName");
        enum ev rc;
        *out = val_null();
        if (alias_depth > 32) {
            val_free(ref);
            return EV_OK;
        }
        alias_depth++;
        rc = ev_member_get(in, at, target, ref, false, out);
        alias_depth--;
        val_free(ref);
        val ct = val_obj_get(member, "ConversionType");
        if (!rc && val_kind(ct) == VAL_TYPE) {
            struct conv_error err;
            val conv;
            if (conv_to_type(*out, ct.aux, &conv, &err))
                *out = conv;
            else
                rc = ev_throw_conv(in, at, &err);
        }
        val_free(ct);
        return rc;
    }
    if (k == ADDED_SCRIPTPROP) {
        /* a getter that is missing or fails reads as $null, as in PowerShell */
        val getter = val_obj_get(member, "GetterScript");
        *out = val_null();
        if (val_kind(getter) != VAL_SCRIPTBLOCK) {
            val_free(getter);
            return EV_OK;
        }
        val r;
        enum ev rc = call_with_this(in, at, target, getter, NULL, 0, &r);
        val_free(getter);
        if (rc == EV_THROW) {
            val_free(in->thrown);
            in->thrown = val_null();
            in->fatal = false;
            return EV_OK;
        }
        if (rc)
            return rc;
        val_free(*out);
        *out = val_kind(r) == VAL_NOTHING ? val_null() : r;
        return EV_OK;
    }
    *out = val_copy(member);
    return EV_OK;
}

/* Assignment to an added property: the aliased member, or the setter with the value. */
static enum ev added_set(struct interp *in, const struct ast_node *at, val target, val member, val value)
{
    if (added_kind(member) == ADDED_ALIAS) {
        val ref = val_obj_get(member, "ReferencedMemberName");
        enum ev rc = ev_member_set(in, at, target, ref, value);
        val_free(ref);
        return rc;
    }
    val setter = val_obj_get(member, "SetterScript");
    val nm = val_obj_get(member, "Name");
    enum ev rc;
    if (val_kind(setter) != VAL_SCRIPTBLOCK) {
        val_free(value);
        struct buf why = BUF_INIT;
        buf_printf(&why, "Set accessor for property \"%s\" is unavailable.", val_str(nm));
        rc = setting_failed(in, at, val_str(nm), buf_cstr(&why));
        buf_release(&why);
    } else {
        val r;
        val arg = val_kind(value) == VAL_NOTHING ? val_null() : value;
        rc = call_with_this(in, at, target, setter, &arg, 1, &r);
        val_free(arg);
        if (!rc)
            val_free(r);
        if (rc == EV_THROW) {
            struct buf why = BUF_INIT;
            thrown_message(in, &why);
            in->fatal = false;
            rc = setting_failed(in, at, val_str(nm), buf_cstr(&why));
            buf_release(&why);
        }
    }
    val_free(setter);
    val_free(nm);
    return rc;
}

/*
** An object as formatting and string conversion show it: its alias and
** script properties read, its script methods left out (a new reference;
** the object itself when it has no added members).
*/
val ev_resolved_view(struct interp *in, val obj)
{
    if (val_kind(obj) != VAL_OBJECT)
        return val_copy(obj);
    /* what a live object shows is what it is now */
    if (obj.flags & VF_LIVE) {
        netobj_refresh(obj);
        if (val_obj_has(obj, SCOPE_BOUND_ID))
            val_free(ev_ref_get(in, obj));
    }
    if (ev_is_class_instance(in, obj))
        return ev_class_view(in, obj);
    bool any = false;
    for (uint32_t i = 0; i < val_obj_len(obj) && !any; i++)
        any = added_kind(val_obj_value_at(obj, i)) != ADDED_NONE;
    if (!any)
        return val_copy(obj);
    val r = val_obj_new(val_obj_ntypes(obj) ? val_obj_type_at(obj, 0) : NULL);
    for (uint32_t i = 1; i < val_obj_ntypes(obj); i++)
        r = val_obj_add_type(r, val_obj_type_at(obj, i));
    for (uint32_t i = 0; i < val_obj_len(obj); i++) {
        const char *pn = val_obj_name_at(obj, i);
        val pv = val_obj_value_at(obj, i);
        enum added k = added_kind(pv);
        if (k == ADDED_SCRIPTMETHOD)
            continue;
        if (k == ADDED_NONE) {
            r = val_obj_set(r, pn, val_copy(pv));
            continue;
        }
        val v;
        val saved = in->thrown;
        in->thrown = val_null();
        if (added_value(in, NULL, obj, pv, &v) != EV_OK) {
            /* a failing getter shows as an empty value, as the formatter shows it */
            val_free(in->thrown);
            v = val_null();
        }
        in->thrown = saved;
        r = val_obj_set(r, pn, v);
    }
    return r;
}

/* }================================================================== */

/*
** $x.PSObject: the members of a value as PowerShell's adapter shows them;
** .Properties lists Name/Value/TypeNameOfValue objects, .TypeNames the
** type names, .BaseObject the value itself.
*/
static val psobject_view(struct interp *in, val target)
{
    val props = val_arr_new();
    if (val_kind(target) == VAL_OBJECT) {
        /* added alias and script properties read, script methods left out */
        val shown = conv_resolved(target);
        for (uint32_t i = 0; i < val_obj_len(shown); i++) {
            const char *pn = val_obj_name_at(shown, i);
            if (pn[0] == '\x01')
                continue;
            val v = val_obj_value_at(shown, i);
            val stored = val_obj_get(target, pn);
            enum added k = added_kind(stored);
            val_free(stored);
            const char *mt = k == ADDED_ALIAS ? "AliasProperty" : k == ADDED_SCRIPTPROP ? "ScriptProperty"
                             : ev_is_class_instance(in, target) ? "Property" : "NoteProperty";
            char tname[96];
            snprintf(tname, sizeof tname, "System.Management.Automation.PS%s", mt);
            val p = val_obj_new(!strcmp(mt, "Property") ? "System.Management.Automation.PSProperty" : tname);
            p = val_obj_set(p, "Name", val_str_new(pn));
            p = val_obj_set(p, "Value", val_copy(v));
            p = val_obj_set(p, "TypeNameOfValue", val_str_new(val_is_null(v) ? "System.Object" : conv_type_name(v)));
            p = val_obj_set(p, "MemberType", val_str_new(mt));
            p = val_obj_set(p, "IsSettable", val_bool(true));
            p = val_obj_set(p, "IsGettable", val_bool(true));
            props = val_arr_push(props, p);
        }
        val_free(shown);
    }
    val names = val_arr_new();
    if (val_kind(target) == VAL_OBJECT) {
        for (uint32_t i = 0; i < val_obj_ntypes(target); i++)
            names = val_arr_push(names, val_str_new(val_obj_type_at(target, i)));
    } else {
        names = val_arr_push(names, val_str_new(conv_type_name(target)));
        names = val_arr_push(names, val_str_new("System.Object"));
    }
    val o = val_obj_new("System.Management.Automation.PSObject");
    o = val_obj_set(o, "Properties", props);
    o = val_obj_set(o, "TypeNames", names);
    o = val_obj_set(o, "BaseObject", val_copy(target));
    return o;
}


enum ev ev_member_get(struct interp *in, const struct ast_node *at, val target, val name,
                      bool is_static, val *out)
{
    if (is_static) {
        if (val_kind(target) != VAL_TYPE)
            return no_method(in, at, target, name, false);
        return static_prop(in, at, target, name, out);
    }
    *out = val_null();
    if (is(name, "PSObject") && val_kind(target) != VAL_HASHTABLE) {
        *out = psobject_view(in, target);
        return EV_OK;
    }
    switch (val_kind(target)) {
    case VAL_OBJECT: {
        if (target.flags & VF_LIVE) {
            /* a [ref] or PSVariable bound to a variable, a Stopwatch: read now */
            if (is(name, "Value") && val_obj_has(target, SCOPE_BOUND_ID)) {
                *out = ev_ref_get(in, target);
                return EV_OK;
            }
            netobj_refresh(target);
        }
        val v = val_obj_get(target, val_str(name));
        if (added_kind(v) == ADDED_ALIAS || added_kind(v) == ADDED_SCRIPTPROP) {
            enum ev rc = added_value(in, at, target, v, out);
            val_free(v);
            return rc;
        }
        if (val_kind(v) != VAL_NOTHING) {
            *out = v;
            return EV_OK;
        }
        if (is(name, "PSTypeNames")) {
            val a = val_arr_new();
            for (uint32_t i = 0; i < val_obj_ntypes(target); i++)
                a = val_arr_push(a, val_str_new(val_obj_type_at(target, i)));
            *out = a;
        } else if (is(name, "Count") || is(name, "Length")) {
            *out = val_int(1);
        }
        return EV_OK;
    }
    case VAL_HASHTABLE: {
        /* a key first; a Dictionary's key of another type that the name is not, no key */
        const struct type_info *dt = dict_type(target);
        val key = val_copy(name), v = val_nothing();
        struct conv_error err;
        if (!dt || conv_to_type(key, dt->key, &key, &err))
            v = val_hash_get(target, key);
        if (val_kind(v) != VAL_NOTHING) {
            *out = v;
            return EV_OK;
        }
        if (is(name, "Count")) {
            *out = val_int((int32_t)val_hash_len(target));
        } else if (is(name, "Keys") || is(name, "Values")) {
            bool keys = is(name, "Keys");
            val a = val_arr_new();
            for (uint32_t i = 0; i < val_hash_len(target); i++)
                a = val_arr_push(a, val_copy(keys ? val_hash_key_at(target, i) : val_hash_value_at(target, i)));
            *out = a;
        } else if (dt && is(name, "IsReadOnly")) {
            *out = val_bool(false);
        } else if (!dt && (is(name, "IsReadOnly") || is(name, "IsFixedSize") || is(name, "IsSynchronized"))) {
            *out = val_bool(false);
        }
        return EV_OK;
    }
    case VAL_ARRAY: {
        /* a Queue, Stack or HashSet has Count; Length and Rank are an array's */
        bool array = val_arr_flavour(target) < ARR_QUEUE;
        if (is(name, "Count") || (array && is(name, "Length"))) {
            *out = val_int((int32_t)val_arr_len(target));
            return EV_OK;
        }
        if (array && is(name, "Rank")) {
            *out = val_int(1);
            return EV_OK;
        }
        /* member enumeration: the property of each element, flattened */
        val a = val_arr_new();
        for (uint32_t i = 0; i < val_arr_len(target); i++) {
            val v;
            enum ev rc = ev_member_get(in, at, val_arr_items(target)[i], name, false, &v);
            if (rc) {
                val_free(a);
                return rc;
            }
            if (val_kind(v) == VAL_ARRAY) {
                for (uint32_t k = 0; k < val_arr_len(v); k++)
                    a = val_arr_push(a, val_arr_get(v, k));
                val_free(v);
            } else if (!val_is_null(v)) {
                a = val_arr_push(a, v);
            }
        }
        if (val_arr_len(a) == 1) {
            *out = val_arr_get(a, 0);
            val_free(a);
        } else {
            *out = a;
        }
        return EV_OK;
    }
    case VAL_STRING:
        if (is(name, "Length")) {
            *out = val_int((int32_t)text_utf16_len(val_str(target), val_str_len(target)));
            return EV_OK;
        }
        break;
    case VAL_DATETIME:
        if (datetime_prop(target, name, out))
            return EV_OK;
        break;
    case VAL_TIMESPAN:
        if (timespan_prop(target, name, out))
            return EV_OK;
        break;
    case VAL_ENUM:
        if (is(name, "value__")) {
            *out = val_int((int32_t)target.u.i);
            return EV_OK;
        }
        break;
    case VAL_SWITCH:
        if (is(name, "IsPresent")) {
            *out = val_bool(target.u.b);
            return EV_OK;
        }
        break;
    case VAL_TYPE:
        if (is(name, "Name") || is(name, "FullName")) {
            struct buf b = BUF_INIT;
            type_clr_name(target.aux, is(name, "FullName"), &b);
            *out = val_str_buf(&b);
            return EV_OK;
        }
        break;
    case VAL_NULL:
    case VAL_NOTHING:
        if (is(name, "Count") || is(name, "Length"))
            *out = val_int(0);
        return EV_OK;
    default:
        break;
    }
    if (is(name, "Count") || is(name, "Length"))
        *out = val_int(1);
    return EV_OK;
}

enum ev ev_member_set(struct interp *in, const struct ast_node *at, val target, val name, val value)
{
    switch (val_kind(target)) {
    case VAL_OBJECT: {
        if ((target.flags & VF_LIVE) && is(name, "Value") && val_obj_has(target, SCOPE_BOUND_ID))
            return ev_ref_set(in, at, target, value);
        const char *why = NULL;
        enum netobj_rc nr = netobj_set(target, val_str(name), val_copy(value), &why);
        if (nr != NETOBJ_NONE) {
            val_free(value);
            if (nr == NETOBJ_OK)
                return EV_OK;
            return nr == NETOBJ_READONLY ? property_assignment_error(in, at, name, false) : setting_failed(in, at, val_str(name), why);
        }
        bool handled;
        enum ev crc = ev_class_member_set(in, at, target, val_str(name), value, &handled);
        if (handled || crc)
            return crc;
        if (ev_is_class_instance(in, target) && !val_obj_has(target, val_str(name))) {
            struct buf m = BUF_INIT;
            buf_printf(&m, "The property '%s' cannot be found on this object. Verify that the property exists and can be set.",
                       val_str(name));
            struct err_spec spec = {buf_cstr(&m), "PropertyNotFound", "InvalidOperation",
                                    "System.Management.Automation.RuntimeException", val_nothing(), NULL};
            val_free(value);
            enum ev rc = ev_throw(in, at, &spec);
            buf_release(&m);
            return rc;
        }
        val stored = val_obj_get(target, val_str(name));
        enum added k = added_kind(stored);
        if (k == ADDED_ALIAS || k == ADDED_SCRIPTPROP) {
            enum ev rc = added_set(in, at, target, stored, value);
            val_free(stored);
            return rc;
        }
        val_free(stored);
    }
        /* PSCustomObject: only existing properties; records: any property is settable */
        if (!val_obj_has(target, val_str(name)) && val_obj_ntypes(target) &&
            strcmp(val_obj_type_at(target, 0), "System.Management.Automation.PSCustomObject") == 0) {
            struct buf m = BUF_INIT;
            buf_printf(&m, "The property '%s' cannot be found on this object. Verify that the property exists and can be set.",
                       val_str(name));
            struct err_spec spec = {buf_cstr(&m), "PropertyAssignmentException", "InvalidOperation",
                                    "System.Management.Automation.RuntimeException", val_nothing(), NULL};
            val_free(value);
            enum ev rc = ev_throw(in, at, &spec);
            buf_release(&m);
            return rc;
        }
        val_obj_set(target, val_str(name), val_kind(value) == VAL_NOTHING ? val_null() : value);
        return EV_OK;
    case VAL_HASHTABLE:
        return ev_index_set(in, at, target, name, value);
    case VAL_TYPE: {
        bool handled;
        enum ev rc = ev_class_static_set(in, at, target.aux, val_str(name), val_copy(value), &handled);
        if (handled || rc) {
            val_free(value);
            return rc;
        }
    }
        /* fall through */
    default:
        val_free(value);
        return property_assignment_error(in, at, name, val_is_null(target));
    }
}

/* }================================================================== */

/*
** {==================================================================
** Methods
** ===================================================================
*/

static bool arg_int(val v, int32_t *out)
{
    return conv_to_int32(v, out, NULL);
}

static void arg_str(val v, struct buf *out)
{
    conv_str(v, out);
}

/* Byte offset range of UTF-16 units [start, start+len) in s. */
static bool utf16_slice(const char *s, size_t n, int32_t start, int32_t len, size_t *bs, size_t *be)
{
    size_t units = text_utf16_len(s, n);
    if (start < 0 || len < 0 || (size_t)start + (size_t)len > units)
        return false;
    *bs = text_utf16_offset(s, n, (size_t)start);
    *be = text_utf16_offset(s, n, (size_t)start + (size_t)len);
    return true;
}

static bool is_trim_char(uint32_t c, const struct buf *set)
{
    if (!set || set->len == 0)
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0;
    size_t i = 0;
    while (i < set->len)
        if (text_next(set->s, set->len, &i) == c)
            return true;
    return false;
}

static val trim(val s, const struct buf *set, bool start, bool end)
{
    const char *p = val_str(s);
    size_t n = val_str_len(s), a = 0, b = n;
    if (start)
        while (a < b) {
            size_t k = a;
            if (!is_trim_char(text_next(p, n, &k), set))
                break;
            a = k;
        }
    if (end)
        while (b > a) {
            size_t k = b - 1;
            while (k > a && ((unsigned char)p[k] & 0xC0) == 0x80)
                k--;
            size_t j = k;
            if (!is_trim_char(text_next(p, n, &j), set))
                break;
            b = k;
        }
    return val_str_n(p + a, b - a);
}

static enum ev string_method(struct interp *in, const struct ast_node *at, val s, val name,
                             const val *args, uint32_t na, val *out, bool *handled)
{
    const char *p = val_str(s);
    size_t n = val_str_len(s);
    *handled = true;
    if (is(name, "ToUpper") || is(name, "ToUpperInvariant") || is(name, "ToLower") || is(name, "ToLowerInvariant")) {
        bool up = is(name, "ToUpper") || is(name, "ToUpperInvariant");
        struct buf b = BUF_INIT;
        size_t i = 0;
        while (i < n) {
            uint32_t c = text_next(p, n, &i);
            buf_put_utf8(&b, up ? text_upper(c) : text_fold(c));
        }
        *out = val_str_buf(&b);
        return EV_OK;
    }
    if (is(name, "Trim") || is(name, "TrimStart") || is(name, "TrimEnd")) {
        struct buf set = BUF_INIT;
        for (uint32_t i = 0; i < na; i++)
            arg_str(args[i], &set);
        *out = trim(s, &set, !is(name, "TrimEnd"), !is(name, "TrimStart"));
        buf_release(&set);
        return EV_OK;
    }
    if (is(name, "Contains") || is(name, "StartsWith") || is(name, "EndsWith") || is(name, "IndexOf") ||
        is(name, "LastIndexOf")) {
        if (na < 1)
            return bad_args(in, at, name, na);
        struct buf x = BUF_INIT;
        arg_str(args[0], &x);
        bool icase = false;
        if (na >= 2 && val_kind(args[na - 1]) != VAL_INT && val_kind(args[na - 1]) != VAL_LONG) {
            struct buf cmp = BUF_INIT;
            arg_str(args[na - 1], &cmp);
            icase = cmp.s && strstr(cmp.s, "IgnoreCase") != NULL;
            buf_release(&cmp);
        }
        if (is(name, "Contains"))
            *out = val_bool(text_find(p, n, x.s ? x.s : "", x.len, 0, icase) >= 0);
        else if (is(name, "StartsWith"))
            *out = val_bool(x.len <= n && (icase ? text_ieq(p, x.len, buf_cstr(&x), x.len) : memcmp(p, buf_cstr(&x), x.len) == 0));
        else if (is(name, "EndsWith"))
            *out = val_bool(x.len <= n && (icase ? text_ieq(p + n - x.len, x.len, buf_cstr(&x), x.len)
                                                 : memcmp(p + n - x.len, buf_cstr(&x), x.len) == 0));
        else {
            long at_ = -1;
            if (is(name, "IndexOf")) {
                int32_t from = 0;
                if (na >= 2 && (val_kind(args[1]) == VAL_INT || val_kind(args[1]) == VAL_LONG))
                    arg_int(args[1], &from);
                size_t bf = text_utf16_offset(p, n, (size_t)(from < 0 ? 0 : from));
                at_ = text_find(p, n, buf_cstr(&x), x.len, bf, icase);
            } else {
                for (long k = (long)n - (long)x.len; k >= 0; k--)
                    if (icase ? text_ieq(p + k, x.len, buf_cstr(&x), x.len) : memcmp(p + k, buf_cstr(&x), x.len) == 0) {
                        at_ = k;
                        break;
                    }
            }
            *out = val_int(at_ < 0 ? -1 : (int32_t)text_utf16_len(p, (size_t)at_));
        }
        buf_release(&x);
        return EV_OK;
    }
    if (is(name, "Substring")) {
        int32_t start = 0, len;
        if (na < 1 || !arg_int(args[0], &start))
            return bad_args(in, at, name, na);
        int32_t units = (int32_t)text_utf16_len(p, n);
        len = units - start;
        if (na >= 2 && !arg_int(args[1], &len))
            return bad_args(in, at, name, na);
        size_t bs, be;
        if (!utf16_slice(p, n, start, len, &bs, &be))
            return method_error(in, at, name, na,
                                na >= 2 ? "Index and length must refer to a location within the string.\nParameter name: length"
                                        : "startIndex cannot be larger than length of string.\nParameter name: startIndex");
        *out = val_str_n(p + bs, be - bs);
        return EV_OK;
    }
    if (is(name, "Replace")) {
        if (na < 2)
            return bad_args(in, at, name, na);
        struct buf a = BUF_INIT, b = BUF_INIT, r = BUF_INIT;
        arg_str(args[0], &a);
        arg_str(args[1], &b);
        if (a.len == 0) {
            buf_release(&a);
            buf_release(&b);
            return method_error(in, at, name, na, "String cannot be of zero length.\nParameter name: oldValue");
        }
        size_t i = 0;
        long k;
        while ((k = text_find(p, n, a.s, a.len, i, false)) >= 0) {
            buf_add(&r, p + i, (size_t)k - i);
            buf_add(&r, buf_cstr(&b), b.len);
            i = (size_t)k + a.len;
        }
        buf_add(&r, p + i, n - i);
        *out = val_str_buf(&r);
        buf_release(&a);
        buf_release(&b);
        return EV_OK;
    }
    if (is(name, "Split")) {
        /* String.Split(chars): any of the characters separates */
        struct buf seps = BUF_INIT;
        for (uint32_t i = 0; i < na; i++) {
            if (val_kind(args[i]) == VAL_INT || val_kind(args[i]) == VAL_LONG)
                continue;
            arg_str(args[i], &seps);
        }
        val a = val_arr_new();
        size_t st = 0, i = 0;
        while (i < n) {
            size_t k = i;
            uint32_t c = text_next(p, n, &k);
            bool sep = false;
            if (seps.len == 0)
                sep = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            else {
                size_t j = 0;
                while (j < seps.len)
                    if (text_next(seps.s, seps.len, &j) == c)
                        sep = true;
            }
            if (sep) {
                a = val_arr_push(a, val_str_n(p + st, i - st));
                st = k;
            }
            i = k;
        }
        a = val_arr_push(a, val_str_n(p + st, n - st));
        buf_release(&seps);
        *out = a;
        return EV_OK;
    }
    if (is(name, "PadLeft") || is(name, "PadRight")) {
        int32_t width;
        if (na < 1 || !arg_int(args[0], &width))
            return bad_args(in, at, name, na);
        uint32_t pad = ' ';
        if (na >= 2) {
            struct buf c = BUF_INIT;
            arg_str(args[1], &c);
            size_t j = 0;
            if (c.len)
                pad = text_next(c.s, c.len, &j);
            buf_release(&c);
        }
        int32_t units = (int32_t)text_utf16_len(p, n);
        struct buf b = BUF_INIT;
        if (is(name, "PadRight"))
            buf_add(&b, p, n);
        for (int32_t i = units; i < width; i++)
            buf_put_utf8(&b, pad);
        if (is(name, "PadLeft"))
            buf_add(&b, p, n);
        *out = val_str_buf(&b);
        return EV_OK;
    }
    if (is(name, "Insert") && na == 2) {
        int32_t at_;
        if (!arg_int(args[0], &at_))
            return bad_args(in, at, name, na);
        size_t bs, be;
        if (!utf16_slice(p, n, 0, at_, &bs, &be))
            return method_error(in, at, name, na, "Specified argument was out of the range of valid values.\nParameter name: startIndex");
        struct buf b = BUF_INIT;
        buf_add(&b, p, be);
        arg_str(args[1], &b);
        buf_add(&b, p + be, n - be);
        *out = val_str_buf(&b);
        return EV_OK;
    }
    if (is(name, "Remove") && na >= 1) {
        int32_t start, len;
        if (!arg_int(args[0], &start))
            return bad_args(in, at, name, na);
        len = (int32_t)text_utf16_len(p, n) - start;
        if (na >= 2 && !arg_int(args[1], &len))
            return bad_args(in, at, name, na);
        size_t bs, be;
        if (!utf16_slice(p, n, start, len, &bs, &be))
            return method_error(in, at, name, na, "Index and count must refer to a location within the string.\nParameter name: count");
        struct buf b = BUF_INIT;
        buf_add(&b, p, bs);
        buf_add(&b, p + be, n - be);
        *out = val_str_buf(&b);
        return EV_OK;
    }
    if (is(name, "ToCharArray")) {
        val a = val_arr_new();
        size_t i = 0;
        while (i < n)
            a = val_arr_push(a, val_char(text_next(p, n, &i)));
        *out = val_arr_set_flavour(a, ARR_OBJECT, "System.Char");
        return EV_OK;
    }
    if (is(name, "Equals") && na >= 1) {
        struct buf x = BUF_INIT;
        arg_str(args[0], &x);
        *out = val_bool(x.len == n && memcmp(buf_cstr(&x), p, n) == 0);
        buf_release(&x);
        return EV_OK;
    }
    if (is(name, "CompareTo") && na == 1) {
        int cmp;
        ops_compare(s, args[0], true, &cmp, NULL);
        *out = val_int(cmp < 0 ? -1 : cmp > 0);
        return EV_OK;
    }
    *handled = false;
    return EV_OK;
}

/*
** {==================================================================
** Dictionary[K,V]
** ===================================================================
*/

/* default(T): 0 of a number, false, the empty GUID, and $null for a reference type. */
static val default_of(uint16_t t)
{
    static const uint8_t empty_guid[16];
    val r;
    if (t == TY_GUID)
        return val_guid(empty_guid);
    if (t == TY_CHAR)
        return val_char(0);
    if (t == TY_BOOL)
        return val_bool(false);
    struct conv_error err;
    if (!type_is(t, TY_VALUETYPE) ||
        !conv_to_type(t == TY_DATETIME || t == TY_TIMESPAN ? val_long(0) : val_int(0), t, &r, &err))
        return val_null();
    return r;
}

/* The error of a [ref] parameter given something else (argument number n). */
static enum ev not_a_ref(struct interp *in, const struct ast_node *at, uint32_t n)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "Argument: '%u' should be a %s. Use [ref].", n, CONV_PSREFERENCE);
    struct err_spec spec = {buf_cstr(&m), "NonRefArgumentToRefParameterMsg", "NotSpecified",
                            "System.Management.Automation.MethodException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

/* Converts method argument `param` to type, or throws PowerShell's MethodException. */
static enum ev typed_arg(struct interp *in, const struct ast_node *at, val name, const char *param, val v,
                         uint16_t type, val *out)
{
    struct conv_error err;
    if (conv_to_type(val_copy(v), type, out, &err))
        return EV_OK;
    return ev_throw_arg_conv(in, at, param, strlen(param), v, val_str(name), type, &err);
}

/* A key argument converted to K; a $null key of a reference type is .NET's ArgumentNullException. */
static enum ev dict_key_arg(struct interp *in, const struct ast_node *at, val name, uint32_t na,
                            const struct type_info *dt, val v, val *out)
{
    if (val_is_null(v) && !type_is(dt->key, TY_VALUETYPE))
        return method_threw(in, at, name, na, "ArgumentNullException", "Value cannot be null.\nParameter name: key");
    return typed_arg(in, at, name, "key", v, dt->key, out);
}

/* The methods of a Dictionary[K,V]: arguments converted to K and V as PowerShell
** converts a method's arguments, keys compared ordinally; unlike a Hashtable's,
** Add refuses a key with .NET's message and Remove answers whether it removed. */
static enum ev dict_method(struct interp *in, const struct ast_node *at, val t, const struct type_info *dt,
                           val name, const val *args, uint32_t na, val *out, bool *handled)
{
    *handled = true;
    enum ev rc;
    val key, value;
    if (is(name, "Add") && na == 2) {
        if ((rc = dict_key_arg(in, at, name, na, dt, args[0], &key)))
            return rc;
        if ((rc = typed_arg(in, at, name, "value", args[1], dt->elem, &value))) {
            val_free(key);
            return rc;
        }
        if (val_hash_has(t, key)) {
            val_free(key);
            val_free(value);
            return method_threw(in, at, name, na, "ArgumentException", "An item with the same key has already been added.");
        }
        val_hash_set(t, key, value);
        *out = val_nothing();
        return EV_OK;
    }
    if (is(name, "TryGetValue") && na == 2) {
        if (!conv_is_ref(args[1]))
            return not_a_ref(in, at, 2);
        if ((rc = dict_key_arg(in, at, name, na, dt, args[0], &key)))
            return rc;
        value = val_hash_get(t, key);
        *out = val_bool(val_kind(value) != VAL_NOTHING);
        return ev_ref_set(in, at, args[1], val_kind(value) != VAL_NOTHING ? value : default_of(dt->elem));
    }
    if (is(name, "Item") && na == 1) {
        /* the indexer called by name: a missing key is .NET's KeyNotFoundException
        ** as PowerShell reports a parameterized property's getter that threw, not $null */
        if ((rc = dict_key_arg(in, at, name, na, dt, args[0], &key)))
            return rc;
        *out = val_hash_get(t, key);
        if (val_kind(*out) != VAL_NOTHING)
            return EV_OK;
        struct err_spec spec = {"Exception getting \"Item\": \"The given key was not present in the dictionary.\"",
                                "CatchFromBaseAdapterParameterizedPropertyGetValueTI", "NotSpecified",
                                "System.Management.Automation.GetValueInvocationException", val_nothing(), NULL};
        return ev_throw(in, at, &spec);
    }
    if ((is(name, "ContainsKey") || is(name, "Remove")) && na == 1) {
        if ((rc = dict_key_arg(in, at, name, na, dt, args[0], &key)))
            return rc;
        bool had = val_hash_has(t, key);
        if (had && is(name, "Remove"))
            val_hash_remove(t, key);
        else
            val_free(key);
        *out = val_bool(had);
        return EV_OK;
    }
    if (is(name, "ContainsValue") && na == 1) {
        if ((rc = typed_arg(in, at, name, "value", args[0], dt->elem, &value)))
            return rc;
        bool yes = false;
        for (uint32_t i = 0; i < val_hash_len(t) && !yes; i++)
            yes = val_key_same(val_hash_value_at(t, i), value);
        val_free(value);
        *out = val_bool(yes);
        return EV_OK;
    }
    if (is(name, "Clear") && na == 0) {
        val_hash_clear(t);
        *out = val_nothing();
        return EV_OK;
    }
    *handled = false;
    return EV_OK;
}

/* A key for an index or a member name: converted to K for a Dictionary[K,V], as is for a Hashtable. */
static enum ev index_key(struct interp *in, const struct ast_node *at, val target, val index, val *out)
{
    const struct type_info *dt = dict_type(target);
    struct conv_error err;
    if (!dt || val_is_null(index)) {
        *out = val_copy(index);
        return EV_OK;
    }
    return conv_to_type(val_copy(index), dt->key, out, &err) ? EV_OK : ev_throw_conv(in, at, &err);
}

/* }================================================================== */

/*
** {==================================================================
** Queue, Stack and HashSet[T]
** ===================================================================
*/

/* The items of a HashSet method's IEnumerable argument `other`, converted to T. */
static enum ev set_other(struct interp *in, const struct ast_node *at, val name, uint16_t elem, val other, val *out)
{
    if (val_is_null(other))
        return method_threw(in, at, name, 1, "ArgumentNullException", "Value cannot be null.\nParameter name: other");
    val a = val_arr_new();
    uint32_t n = val_kind(other) == VAL_ARRAY ? val_arr_len(other) : 1;
    for (uint32_t i = 0; i < n; i++) {
        val x = val_kind(other) == VAL_ARRAY ? val_arr_items(other)[i] : other, item;
        enum ev rc = elem ? typed_arg(in, at, name, "other", x, elem, &item) : EV_OK;
        if (rc) {
            val_free(a);
            return rc;
        }
        a = val_arr_push(a, elem ? item : val_copy(x));
    }
    *out = a;
    return EV_OK;
}

/* Has a Queue or Stack c item, compared as .NET's default comparer (strings ordinally)? */
static bool has_item(val c, val item)
{
    for (uint32_t i = 0; i < val_arr_len(c); i++)
        if (val_key_same(val_arr_items(c)[i], item))
            return true;
    return false;
}

/* HashSet's UnionWith, IntersectWith and ExceptWith: c changed in place. */
static enum ev set_with(struct interp *in, const struct ast_node *at, val c, uint16_t elem, val name, val arg)
{
    val other;
    enum ev rc = set_other(in, at, name, elem, arg, &other);
    if (rc)
        return rc;
    if (is(name, "UnionWith")) {
        for (uint32_t i = 0; i < val_arr_len(other); i++)
            conv_collection_add(c, val_arr_get(other, i));
    } else if (is(name, "ExceptWith")) {
        for (uint32_t i = 0; i < val_arr_len(other); i++)
            val_arr_set_remove(c, val_arr_items(other)[i]);
    } else {
        /* IntersectWith: what other has, looked up through other's own index */
        for (uint32_t i = val_arr_len(c); i-- > 0;)
            if (!val_arr_set_has(other, val_arr_items(c)[i]))
                val_arr_remove_at(c, i);
    }
    val_free(other);
    return EV_OK;
}

/* The methods of a Queue, Stack or HashSet (arrays of those flavours, see
** value.h). A generic one's items convert to T as PowerShell converts a
** method's arguments; items compare as .NET's default comparer does. Taking
** from an empty Queue or Stack is .NET's InvalidOperationException. */
static enum ev queue_method(struct interp *in, const struct ast_node *at, val t, enum arr_flavour f, val name,
                            const val *args, uint32_t na, val *out, bool *handled)
{
    *handled = true;
    const char *et = val_arr_elem_type(t);
    uint16_t elem = et ? type_lookup(et, strlen(et)) : TY_NONE;
    bool adds = (f == ARR_QUEUE && is(name, "Enqueue")) || (f == ARR_STACK && is(name, "Push")) ||
                (f == ARR_HASHSET && is(name, "Add"));
    if (na == 1 && (adds || is(name, "Contains") || (f == ARR_HASHSET && is(name, "Remove")))) {
        val item = val_copy(args[0]);
        if (elem) {
            val_free(item);
            enum ev rc = typed_arg(in, at, name, "item", args[0], elem, &item);
            if (rc)
                return rc;
        }
        if (adds) {
            bool added = conv_collection_add(t, item);
            *out = f == ARR_HASHSET ? val_bool(added) : val_nothing();
            return EV_OK;
        }
        bool found;
        if (f == ARR_HASHSET)
            found = is(name, "Remove") ? val_arr_set_remove(t, item) : val_arr_set_has(t, item);
        else
            found = has_item(t, item);
        val_free(item);
        *out = val_bool(found);
        return EV_OK;
    }
    bool takes = (f == ARR_QUEUE && is(name, "Dequeue")) || (f == ARR_STACK && is(name, "Pop"));
    if (na == 0 && (takes || (f != ARR_HASHSET && is(name, "Peek")))) {
        if (!val_arr_len(t))
            return method_threw(in, at, name, na, "InvalidOperationException",
                                f == ARR_QUEUE ? "Queue empty." : "Stack empty.");
        *out = val_arr_get(t, 0);
        if (takes)
            val_arr_remove_at(t, 0);
        return EV_OK;
    }
    if (na == 0 && is(name, "Clear")) {
        while (val_arr_len(t))
            val_arr_remove_at(t, val_arr_len(t) - 1);
        *out = val_nothing();
        return EV_OK;
    }
    if (na == 0 && f != ARR_HASHSET && is(name, "ToArray")) {
        *out = val_arr_set_flavour(val_arr_clone(t), ARR_OBJECT, et);
        return EV_OK;
    }
    if (na == 1 && f == ARR_HASHSET && (is(name, "UnionWith") || is(name, "IntersectWith") || is(name, "ExceptWith"))) {
        *out = val_nothing();
        return set_with(in, at, t, elem, name, args[0]);
    }
    *handled = false;
    return EV_OK;
}

/* }================================================================== */

static enum ev collection_method(struct interp *in, const struct ast_node *at, val t, val name,
                                 const val *args, uint32_t na, val *out, bool *handled)
{
    *handled = true;
    if (val_kind(t) == VAL_ARRAY && val_arr_flavour(t) >= ARR_QUEUE) {
        return queue_method(in, at, t, val_arr_flavour(t), name, args, na, out, handled);
    } else if (val_kind(t) == VAL_ARRAY) {
        enum arr_flavour f = val_arr_flavour(t);
        if (is(name, "Add") && na == 1) {
            if (f == ARR_OBJECT) {
                struct err_spec spec = {"Exception calling \"Add\" with \"1\" argument(s): \"Collection was of a fixed size.\"",
                                        "NotSupportedException", "NotSpecified",
                                        "System.Management.Automation.MethodInvocationException", val_nothing(), NULL};
                return ev_throw(in, at, &spec);
            }
            uint32_t idx = val_arr_len(t);
            val v = args[0];
            const char *et = val_arr_elem_type(t);
            if (f == ARR_LIST && et) {
                uint16_t tid = type_lookup(et, strlen(et));
                struct conv_error err;
                if (tid && !conv_to_type(val_copy(v), tid, &v, &err))
                    return ev_throw_conv(in, at, &err);
                if (!tid)
                    v = val_copy(v);
            } else {
                v = val_copy(v);
            }
            val_arr_push(t, v);
            /* ArrayList.Add returns the index; List[T].Add returns nothing */
            *out = f == ARR_ARRAYLIST ? val_int((int32_t)idx) : val_nothing();
            return EV_OK;
        }
        if ((is(name, "AddRange")) && na == 1 && f != ARR_OBJECT) {
            val src = args[0];
            if (val_kind(src) == VAL_ARRAY)
                for (uint32_t i = 0; i < val_arr_len(src); i++)
                    val_arr_push(t, val_arr_get(src, i));
            else
                val_arr_push(t, val_copy(src));
            *out = val_nothing();
            return EV_OK;
        }
        if ((is(name, "Remove") || is(name, "RemoveAt")) && na == 1 && f != ARR_OBJECT) {
            if (is(name, "RemoveAt")) {
                int32_t i;
                if (!arg_int(args[0], &i) || i < 0 || (uint32_t)i >= val_arr_len(t))
                    return method_error(in, at, name, na, "Index was out of range. Must be non-negative and less than the size of the collection.\nParameter name: index");
                val_arr_remove_at(t, (uint32_t)i);
                *out = val_nothing();
            } else {
                bool removed = false;
                for (uint32_t i = 0; i < val_arr_len(t); i++) {
                    if (ops_equal(val_arr_items(t)[i], args[0], false)) {
                        val_arr_remove_at(t, i);
                        removed = true;
                        break;
                    }
                }
                *out = f == ARR_LIST ? val_bool(removed) : val_nothing();
            }
            return EV_OK;
        }
        if (is(name, "Clear") && na == 0 && f != ARR_OBJECT) {
            while (val_arr_len(t))
                val_arr_remove_at(t, val_arr_len(t) - 1);
            *out = val_nothing();
            return EV_OK;
        }
        if (is(name, "Contains") && na == 1) {
            bool yes = false;
            for (uint32_t i = 0; i < val_arr_len(t) && !yes; i++)
                yes = ops_equal(val_arr_items(t)[i], args[0], false);
            *out = val_bool(yes);
            return EV_OK;
        }
        if (is(name, "IndexOf") && na == 1) {
            int32_t idx = -1;
            for (uint32_t i = 0; i < val_arr_len(t) && idx < 0; i++)
                if (ops_equal(val_arr_items(t)[i], args[0], false))
                    idx = (int32_t)i;
            *out = val_int(idx);
            return EV_OK;
        }
        if (is(name, "ToArray") && na == 0) {
            val c = val_arr_clone(t);
            *out = val_arr_set_flavour(c, ARR_OBJECT, val_arr_elem_type(t));
            return EV_OK;
        }
        if (is(name, "Clone") && na == 0) {
            *out = val_arr_clone(t);
            return EV_OK;
        }
    } else if (val_kind(t) == VAL_HASHTABLE && dict_type(t)) {
        return dict_method(in, at, t, dict_type(t), name, args, na, out, handled);
    } else if (val_kind(t) == VAL_HASHTABLE) {
        if (is(name, "Item") && na == 1) {
            *out = val_hash_get(t, val_copy(args[0]));
            if (val_kind(*out) == VAL_NOTHING)
                *out = val_null();
            return EV_OK;
        }
        if (is(name, "ContainsKey") && na == 1) {
            *out = val_bool(val_hash_has(t, args[0]));
            return EV_OK;
        }
        if (is(name, "ContainsValue") && na == 1) {
            bool yes = false;
            for (uint32_t i = 0; i < val_hash_len(t) && !yes; i++)
                yes = ops_equal(val_hash_value_at(t, i), args[0], false);
            *out = val_bool(yes);
            return EV_OK;
        }
        if (is(name, "Add") && na == 2) {
            if (val_hash_has(t, args[0])) {
                struct buf k = BUF_INIT, m = BUF_INIT;
                conv_str(args[0], &k);
                buf_printf(&m, "Item has already been added. Key in dictionary: '%s'  Key being added: '%s'", k.s ? k.s : "", k.s ? k.s : "");
                enum ev rc = method_error(in, at, name, na, buf_cstr(&m));
                buf_release(&k);
                buf_release(&m);
                return rc;
            }
            val_hash_set(t, val_copy(args[0]), val_copy(args[1]));
            *out = val_nothing();
            return EV_OK;
        }
        if (is(name, "Remove") && na == 1) {
            val_hash_remove(t, val_copy(args[0]));
            *out = val_nothing();
            return EV_OK;
        }
        if (is(name, "Clear") && na == 0) {
            val_hash_clear(t);
            *out = val_nothing();
            return EV_OK;
        }
        if (is(name, "Clone") && na == 0) {
            *out = val_hash_clone(t);
            return EV_OK;
        }
    }
    *handled = false;
    return EV_OK;
}

static enum ev time_method(struct interp *in, const struct ast_node *at, val t, val name,
                           const val *args, uint32_t na, val *out, bool *handled)
{
    *handled = true;
    if (val_kind(t) == VAL_DATETIME) {
        static const struct {
            const char *name;
            int64_t unit;
        } adds[] = {{"AddDays", DT_TICKS_PER_DAY}, {"AddHours", DT_TICKS_PER_HOUR},
                    {"AddMinutes", DT_TICKS_PER_MINUTE}, {"AddSeconds", DT_TICKS_PER_SECOND},
                    {"AddMilliseconds", DT_TICKS_PER_MS}, {"AddTicks", 1}};
        for (size_t i = 0; i < EMSH_ARRAY_SIZE(adds); i++) {
            if (!is(name, adds[i].name))
                continue;
            double x;
            if (na != 1 || !conv_to_double(args[0], &x, NULL))
                return bad_args(in, at, name, na);
            double ticks = x * (double)adds[i].unit;
            /* .NET rounds the added milliseconds to a whole number */
            if (adds[i].unit > 1)
                ticks = round(x * (double)adds[i].unit / DT_TICKS_PER_MS) * DT_TICKS_PER_MS;
            int64_t r = t.u.i + (int64_t)ticks;
            if (r < 0 || r > DT_MAX_TICKS)
                return method_error(in, at, name, na, "The added or subtracted value results in an un-representable DateTime.\nParameter name: value");
            *out = val_datetime(r, t.flags);
            return EV_OK;
        }
        if (is(name, "AddMonths") || is(name, "AddYears")) {
            int32_t k;
            int64_t r;
            if (na != 1 || !arg_int(args[0], &k))
                return bad_args(in, at, name, na);
            enum dt_err e = is(name, "AddMonths") ? dt_add_months(t.u.i, k, &r) : dt_add_years(t.u.i, k, &r);
            if (e)
                return method_error(in, at, name, na, dt_err_str(e));
            *out = val_datetime(r, t.flags);
            return EV_OK;
        }
        if (is(name, "Add") && na == 1 && val_kind(args[0]) == VAL_TIMESPAN) {
            *out = val_datetime(t.u.i + args[0].u.i, t.flags);
            return EV_OK;
        }
        if (is(name, "Subtract") && na == 1) {
            if (val_kind(args[0]) == VAL_DATETIME)
                *out = val_timespan(t.u.i - args[0].u.i);
            else if (val_kind(args[0]) == VAL_TIMESPAN)
                *out = val_datetime(t.u.i - args[0].u.i, t.flags);
            else
                return bad_args(in, at, name, na);
            return EV_OK;
        }
        if (is(name, "ToUniversalTime")) {
            *out = val_datetime(dt_to_utc(t.u.i, conv_dt_kind(t)), VF_UTC);
            return EV_OK;
        }
        if (is(name, "ToLocalTime")) {
            *out = val_datetime(dt_to_local(t.u.i, conv_dt_kind(t)), VF_LOCAL);
            return EV_OK;
        }
        if (is(name, "ToShortDateString") || is(name, "ToLongDateString") || is(name, "ToShortTimeString") ||
            is(name, "ToLongTimeString") || is(name, "ToString")) {
            const char *f = is(name, "ToShortDateString") ? "d" : is(name, "ToLongDateString") ? "D"
                            : is(name, "ToShortTimeString") ? "t" : is(name, "ToLongTimeString") ? "T" : NULL;
            struct buf fb = BUF_INIT, b = BUF_INIT;
            if (!f && na >= 1) {
                arg_str(args[0], &fb);
                f = buf_cstr(&fb);
            }
            enum dt_err e = dt_format(&b, t.u.i, conv_dt_kind(t), f, DT_EN_US);
            buf_release(&fb);
            if (e) {
                buf_release(&b);
                return method_error(in, at, name, na, dt_err_str(e));
            }
            *out = val_str_buf(&b);
            return EV_OK;
        }
    }
    if (val_kind(t) == VAL_TIMESPAN) {
        if ((is(name, "Add") || is(name, "Subtract")) && na == 1 && val_kind(args[0]) == VAL_TIMESPAN) {
            *out = val_timespan(is(name, "Add") ? t.u.i + args[0].u.i : t.u.i - args[0].u.i);
            return EV_OK;
        }
        if (is(name, "Negate")) {
            *out = val_timespan(-t.u.i);
            return EV_OK;
        }
        if (is(name, "Duration")) {
            *out = val_timespan(t.u.i < 0 ? -t.u.i : t.u.i);
            return EV_OK;
        }
        if (is(name, "ToString")) {
            struct buf fb = BUF_INIT, b = BUF_INIT;
            const char *f = NULL;
            if (na >= 1) {
                arg_str(args[0], &fb);
                f = buf_cstr(&fb);
            }
            enum dt_err e = ts_format(&b, t.u.i, f);
            buf_release(&fb);
            if (e) {
                buf_release(&b);
                return method_error(in, at, name, na, dt_err_str(e));
            }
            *out = val_str_buf(&b);
            return EV_OK;
        }
    }
    *handled = false;
    return EV_OK;
}

/* ToString([format]) of any value. */
static enum ev to_string(struct interp *in, const struct ast_node *at, val t, val name,
                         const val *args, uint32_t na, val *out)
{
    if (na >= 1) {
        struct buf fb = BUF_INIT, b = BUF_INIT;
        arg_str(args[0], &fb);
        enum nf_err e = NF_OK;
        switch (val_kind(t)) {
        case VAL_INT:
            e = nf_format_int(&b, t.u.i, 32, buf_cstr(&fb));
            break;
        case VAL_LONG:
            e = nf_format_int(&b, t.u.i, 64, buf_cstr(&fb));
            break;
        case VAL_DOUBLE:
            e = nf_format_double(&b, t.u.d, buf_cstr(&fb));
            break;
        case VAL_DECIMAL:
            e = nf_format_decimal(&b, val_dec_get(t), buf_cstr(&fb));
            break;
        default:
            conv_str(t, &b);
            break;
        }
        buf_release(&fb);
        if (e) {
            buf_release(&b);
            return method_error(in, at, name, na, nf_err_str(e));
        }
        *out = val_str_buf(&b);
        return EV_OK;
    }
    *out = conv_to_str(val_copy(t));
    return EV_OK;
}

static enum ev static_method(struct interp *in, const struct ast_node *at, val type, val name,
                             const val *args, uint32_t na, val *out);

/*
** Methods of objects: script methods added with Add-Member (a property
** holding a PSScriptMethod, run with $this), and the methods of
** $PSCmdlet in advanced functions (ShouldProcess, WriteVerbose ...).
*/
static enum ev object_method(struct interp *in, const struct ast_node *at, val target, val name,
                             const val *args, uint32_t na, val *out, bool *handled)
{
    *handled = false;
    enum ev crc = ev_class_method(in, at, target, val_str(name), args, na, out, handled);
    if (*handled || crc)
        return crc;
    val m = val_obj_get(target, val_str(name));
    if (added_kind(m) == ADDED_SCRIPTMETHOD) {
        val script = val_obj_get(m, "Script");
        val_free(m);
        *handled = true;
        enum ev rc = call_with_this(in, at, target, script, args, na, out);
        val_free(script);
        return rc;
    }
    val_free(m);
    if (!val_obj_ntypes(target) ||
        strcmp(val_obj_type_at(target, 0), "System.Management.Automation.PSScriptCmdlet") != 0)
        return EV_OK;
    *handled = true;
    if (is(name, "ShouldProcess") && na >= 1 && na <= 2) {
        struct buf t = BUF_INIT, a = BUF_INIT;
        conv_str(args[0], &t);
        if (na == 2)
            conv_str(args[1], &a);
        else {
            val cmd = val_obj_get(target, "\x01Command");
            conv_str(cmd, &a);
            val_free(cmd);
        }
        val w = ev_var_get(in, "WhatIfPreference", 16);
        val imp = val_obj_get(target, "\x01Impact");
        int32_t impact = 2;
        conv_to_int32(imp, &impact, NULL);
        bool yes = false;
        enum ev rc = ev_should_process(in, buf_cstr(&t), buf_cstr(&a), conv_truthy(w), -1, impact, &yes);
        val_free(w);
        val_free(imp);
        buf_release(&t);
        buf_release(&a);
        if (rc)
            return rc;
        *out = val_bool(yes);
        return EV_OK;
    }
    if ((is(name, "WriteVerbose") || is(name, "WriteWarning") || is(name, "WriteDebug")) && na == 1) {
        const char *pref = is(name, "WriteVerbose") ? "VerbosePreference" : is(name, "WriteWarning") ? "WarningPreference" : "DebugPreference";
        const char *prefix = is(name, "WriteVerbose") ? "VERBOSE: " : is(name, "WriteWarning") ? "WARNING: " : "DEBUG: ";
        val pv = ev_var_get(in, pref, strlen(pref));
        struct buf p = BUF_INIT, msg = BUF_INIT;
        conv_str(pv, &p);
        val_free(pv);
        conv_str(args[0], &msg);
        bool show = !(text_ieq(buf_cstr(&p), p.len, "SilentlyContinue", 16) || text_ieq(buf_cstr(&p), p.len, "Ignore", 6) ||
                      (p.len == 0 && !is(name, "WriteWarning")));
        if (show) {
            fflush(in->out);
            fprintf(in->err, "%s%s\n", prefix, buf_cstr(&msg));
            fflush(in->err);
        }
        buf_release(&p);
        buf_release(&msg);
        *out = val_nothing();
        return EV_OK;
    }
    if ((is(name, "WriteError") || is(name, "ThrowTerminatingError")) && na == 1) {
        val rec = args[0];
        if (is(name, "ThrowTerminatingError")) {
            val_free(in->thrown);
            in->thrown = val_copy(rec);
            in->last_ok = false;
            in->fatal = true;
            return EV_THROW;
        }
        *out = val_nothing();
        return ev_report_error(in, val_copy(rec), 2);
    }
    *handled = false;
    return EV_OK;
}

/*
** .Where({ cond } [, mode [, count]]) and .ForEach({ block } | 'Member' [, args]):
** the collection methods every object has (a scalar is a one-element
** collection). Where's modes: Default, First, Last, SkipUntil, Until, Split.
*/
static enum ev where_foreach(struct interp *in, const struct ast_node *at, val target, val name,
                             const val *args, uint32_t na, val *out, bool *handled)
{
    *handled = true;
    val items = val_kind(target) == VAL_ARRAY ? val_copy(target)
                : val_is_null(target) ? val_arr_new() : val_arr_push(val_arr_new(), val_copy(target));
    enum ev rc = EV_OK;
    val res = val_arr_new();
    if (is(name, "ForEach")) {
        if (na < 1) {
            val_free(items);
            val_free(res);
            return bad_args(in, at, name, na);
        }
        for (uint32_t i = 0; i < val_arr_len(items) && !rc; i++) {
            val item = val_arr_items(items)[i];
            val r = val_nothing();
            if (val_kind(args[0]) == VAL_SCRIPTBLOCK) {
                struct collector c;
                collector_init(&c);
                rc = ev_call_scriptblock(in, at, args[0], item, args + 1, na - 1, &c.s);
                if (!rc)
                    for (uint32_t k = 0; k < val_arr_len(c.items); k++)
                        res = val_arr_push(res, val_arr_get(c.items, k));
                val_free(c.items);
                continue;
            }
            val member = conv_to_str(val_copy(args[0]));
            if (na > 1)
                rc = ev_invoke_method(in, at, item, member, false, args + 1, na - 1, &r);
            else
                rc = ev_member_get(in, at, item, member, false, &r);
            val_free(member);
            if (!rc && val_kind(r) != VAL_NOTHING)
                res = val_arr_push(res, r);
        }
    } else {
        if (na < 1 || val_kind(args[0]) != VAL_SCRIPTBLOCK) {
            val_free(items);
            val_free(res);
            return bad_args(in, at, name, na);
        }
        struct buf mode = BUF_INIT;
        if (na >= 2)
            conv_str(args[1], &mode);
        int32_t limit = 0;
        if (na >= 3)
            conv_to_int32(args[2], &limit, NULL);
        const char *m = buf_cstr(&mode);
        bool first = text_ieq(m, mode.len, "First", 5), last = text_ieq(m, mode.len, "Last", 4);
        bool skip_until = text_ieq(m, mode.len, "SkipUntil", 9), until = text_ieq(m, mode.len, "Until", 5);
        bool split = text_ieq(m, mode.len, "Split", 5);
        if (first && !limit)
            limit = 1;
        if (last && !limit)
            limit = 1;
        val rest = val_arr_new();
        bool switched = false;
        for (uint32_t i = 0; i < val_arr_len(items) && !rc; i++) {
            val item = val_arr_items(items)[i];
            struct collector c;
            collector_init(&c);
            rc = ev_call_scriptblock(in, at, args[0], item, NULL, 0, &c.s);
            val r = collector_result(&c);
            bool yes = !rc && conv_truthy(r);
            val_free(r);
            if (rc)
                break;
            if (skip_until || until) {
                if (yes)
                    switched = true;
                bool take = skip_until ? switched : !switched;
                if (take)
                    res = val_arr_push(res, val_copy(item));
                continue;
            }
            if (yes)
                res = val_arr_push(res, val_copy(item));
            else if (split)
                rest = val_arr_push(rest, val_copy(item));
            if (first && limit && val_arr_len(res) >= (uint32_t)limit)
                break;
        }
        if (last && limit && val_arr_len(res) > (uint32_t)limit) {
            val tail = val_arr_new();
            for (uint32_t i = val_arr_len(res) - (uint32_t)limit; i < val_arr_len(res); i++)
                tail = val_arr_push(tail, val_arr_get(res, i));
            val_free(res);
            res = tail;
        } else if (!first && !last && limit && val_arr_len(res) > (uint32_t)limit) {
            while (val_arr_len(res) > (uint32_t)limit)
                val_arr_remove_at(res, val_arr_len(res) - 1);
        }
        if (split) {
            val pair = val_arr_new();
            pair = val_arr_push(pair, val_arr_set_flavour(res, ARR_OBJECT, NULL));
            pair = val_arr_push(pair, rest);
            res = pair;
        } else {
            val_free(rest);
        }
        buf_release(&mode);
    }
    val_free(items);
    if (rc) {
        val_free(res);
        return rc;
    }
    /* the result is a Collection`1[PSObject], which displays as an array */
    *out = res;
    return EV_OK;
}

/*
** The methods of StringBuilder and Stopwatch objects (netobj.h), and
** StringBuilder.AppendFormat, which formats as -f does.
*/
static enum ev netobj_method(struct interp *in, const struct ast_node *at, val target, val name, const val *args,
                             uint32_t na, val *out, bool *handled)
{
    const char *why = NULL;
    enum netobj_rc r;
    if (is(name, "AppendFormat") && na >= 1 && val_obj_ntypes(target) &&
        !strcmp(val_obj_type_at(target, 0), NETOBJ_STRINGBUILDER)) {
        val rest = val_arr_new(), text;
        for (uint32_t i = 1; i < na; i++)
            rest = val_arr_push(rest, val_copy(args[i]));
        if (na == 2 && val_kind(args[1]) == VAL_ARRAY) {
            val_free(rest);
            rest = val_copy(args[1]);
        }
        enum ev rc = ev_format_op(in, at, args[0], rest, &text);
        val_free(rest);
        *handled = true;
        if (rc)
            return rc;
        r = netobj_call(target, "Append", &text, 1, out, &why);
        val_free(text);
    } else {
        r = netobj_call(target, val_str(name), args, na, out, &why);
        if (r == NETOBJ_NONE)
            r = netenc_call(target, val_str(name), args, na, out, &why);
    }
    *handled = r != NETOBJ_NONE;
    return r == NETOBJ_ERROR ? method_error(in, at, name, na, why) : EV_OK;
}

enum ev ev_invoke_method(struct interp *in, const struct ast_node *at, val target, val name,
                         bool is_static, const val *args, uint32_t nargs, val *out)
{
    if (is_static)
        return static_method(in, at, target, name, args, nargs, out);
    bool handled = false;
    enum ev rc = EV_OK;
    if (val_kind(target) == VAL_STRING)
        rc = string_method(in, at, target, name, args, nargs, out, &handled);
    else if (val_kind(target) == VAL_ARRAY || val_kind(target) == VAL_HASHTABLE)
        rc = collection_method(in, at, target, name, args, nargs, out, &handled);
    else if (val_kind(target) == VAL_DATETIME || val_kind(target) == VAL_TIMESPAN)
        rc = time_method(in, at, target, name, args, nargs, out, &handled);
    if (handled || rc)
        return rc;
    if (val_kind(target) == VAL_OBJECT) {
        rc = netobj_method(in, at, target, name, args, nargs, out, &handled);
        if (handled || rc)
            return rc;
        rc = object_method(in, at, target, name, args, nargs, out, &handled);
        if (handled || rc)
            return rc;
    }
    if (is(name, "Where") || is(name, "ForEach")) {
        rc = where_foreach(in, at, target, name, args, nargs, out, &handled);
        if (handled || rc)
            return rc;
    }
    /* $null has no methods, not even GetType() and ToString() */
    if (val_is_null(target)) {
        struct err_spec spec = {"You cannot call a method on a null-valued expression.", "InvokeMethodOnNull",
                                "InvalidOperation", "System.Management.Automation.RuntimeException",
                                val_nothing(), NULL};
        return ev_throw(in, at, &spec);
    }
    if (is(name, "GetEnumerator") && nargs == 0 && val_kind(target) == VAL_HASHTABLE) {
        /* DictionaryEntry objects (Name, Key, Value), or a Dictionary's KeyValuePairs */
        val a = val_arr_new();
        for (uint32_t i = 0; i < val_hash_len(target); i++)
            a = val_arr_push(a, conv_dict_entry(target, i));
        *out = a;
        return EV_OK;
    }
    if (is(name, "GetEnumerator") && nargs == 0 && val_kind(target) == VAL_ARRAY) {
        *out = val_copy(target);
        return EV_OK;
    }
    if (val_kind(target) == VAL_SCRIPTBLOCK && (is(name, "Invoke") || is(name, "InvokeReturnAsIs"))) {
        struct collector c;
        collector_init(&c);
        rc = ev_call_scriptblock_scoped(in, at, target, val_nothing(), args, nargs, true, &c.s);
        if (rc) {
            val_free(c.items);
            return rc;
        }
        *out = is(name, "Invoke") ? c.items : collector_result(&c);
        return EV_OK;
    }
    if (is(name, "ToString"))
        return to_string(in, at, target, name, args, nargs, out);
    if (is(name, "GetType") && nargs == 0) {
        uint16_t t = conv_type_of(target);
        if (val_kind(target) == VAL_OBJECT && val_obj_ntypes(target)) {
            const char *tn = val_obj_type_at(target, 0);
            uint16_t id = type_lookup(tn, strlen(tn));
            t = id ? id : type_exception(tn, TY_OBJECT);
        }
        *out = val_type(t);
        return EV_OK;
    }
    if (is(name, "Equals") && nargs == 1) {
        *out = val_bool(ops_equal(target, args[0], false));
        return EV_OK;
    }
    if (is(name, "GetHashCode") && nargs == 0) {
        *out = val_int((int32_t)val_key_hash(target));
        return EV_OK;
    }
    if (val_kind(target) == VAL_ARRAY) {
        /* method enumeration: call it on each element */
        val a = val_arr_new();
        for (uint32_t i = 0; i < val_arr_len(target); i++) {
            val r;
            if ((rc = ev_invoke_method(in, at, val_arr_items(target)[i], name, false, args, nargs, &r))) {
                val_free(a);
                return rc;
            }
            if (val_kind(r) != VAL_NOTHING)
                a = val_arr_push(a, r);
        }
        *out = a;
        return EV_OK;
    }
    return no_method(in, at, target, name, false);
}

/* }================================================================== */

/*
** {==================================================================
** Static methods
** ===================================================================
*/

/* A MidpointRounding argument: true for AwayFromZero. */
static bool away_from_zero(val v)
{
    if (val_kind(v) == VAL_ENUM || val_kind(v) == VAL_INT)
        return v.u.i == 1;
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    bool away = text_ieq(b.s, b.len, "AwayFromZero", 12);
    buf_release(&b);
    return away;
}

/*
** [math]:: and [decimal]:: on a decimal: Round (digits, MidpointRounding),
** Floor, Ceiling, Truncate, Abs, Max, Min, in decimal arithmetic.
*/
static enum ev decimal_math(struct interp *in, const struct ast_node *at, val name, const val *args,
                            uint32_t na, val *out, bool *handled)
{
    *handled = true;
    struct dec a, b;
    struct conv_error err;
    if (na >= 1 && !conv_to_decimal(args[0], &a, &err))
        return ev_throw_conv(in, at, &err);
    if (is(name, "Round") && na >= 1 && na <= 3) {
        int32_t digits = 0;
        bool away = false;
        if (na == 2 && (val_kind(args[1]) == VAL_ENUM || val_kind(args[1]) == VAL_STRING))
            away = away_from_zero(args[1]);
        else if (na >= 2 && !arg_int(args[1], &digits))
            return bad_args(in, at, name, na);
        if (na == 3)
            away = away_from_zero(args[2]);
        if (digits < 0 || digits > 28)
            return method_error(in, at, name, na, "Rounding digits must be between 0 and 15, inclusive.\r\nParameter name: digits");
        *out = val_dec(dec_round(a, digits, away));
        return EV_OK;
    }
    if ((is(name, "Floor") || is(name, "Ceiling") || is(name, "Truncate")) && na == 1) {
        *out = val_dec(is(name, "Floor") ? dec_floor(a) : is(name, "Ceiling") ? dec_ceiling(a) : dec_truncate(a));
        return EV_OK;
    }
    if (is(name, "Abs") && na == 1) {
        a.neg = false;
        *out = val_dec(a);
        return EV_OK;
    }
    if ((is(name, "Max") || is(name, "Min")) && na == 2) {
        if (!conv_to_decimal(args[1], &b, &err))
            return ev_throw_conv(in, at, &err);
        int c = dec_cmp(a, b);
        *out = val_dec(is(name, "Max") ? (c >= 0 ? a : b) : (c <= 0 ? a : b));
        return EV_OK;
    }
    if (is(name, "Negate") && na == 1) {
        *out = val_dec(dec_neg(a));
        return EV_OK;
    }
    *handled = false;
    return EV_OK;
}

static enum ev math_method(struct interp *in, const struct ast_node *at, val name, const val *args,
                           uint32_t na, val *out, bool *handled)
{
    *handled = true;
    if (na >= 1 && val_kind(args[0]) == VAL_DECIMAL &&
        (na == 1 || is(name, "Round") || val_kind(args[1]) == VAL_DECIMAL || val_kind(args[1]) == VAL_INT ||
         val_kind(args[1]) == VAL_LONG)) {
        enum ev rc = decimal_math(in, at, name, args, na, out, handled);
        if (*handled || rc)
            return rc;
        *handled = true;
    }
    double x = 0, y = 0;
    if (na >= 1 && !conv_to_double(args[0], &x, NULL))
        return bad_args(in, at, name, na);
    if (na >= 2 && !conv_to_double(args[1], &y, NULL))
        return bad_args(in, at, name, na);
    bool ints = na >= 1 && (val_kind(args[0]) == VAL_INT || val_kind(args[0]) == VAL_LONG) &&
                (na < 2 || val_kind(args[1]) == VAL_INT || val_kind(args[1]) == VAL_LONG);
    if (is(name, "Round") && na >= 1 && na <= 3) {
        int32_t digits = 0;
        bool away = false;
        if (na == 2 && (val_kind(args[1]) == VAL_ENUM || val_kind(args[1]) == VAL_STRING))
            away = away_from_zero(args[1]);
        else if (na >= 2 && !arg_int(args[1], &digits))
            return bad_args(in, at, name, na);
        if (na == 3)
            away = away_from_zero(args[2]);
        double scale = pow(10, digits);
        /* banker's rounding, as Math.Round, unless MidpointRounding.AwayFromZero */
        double r = (away ? round(x * scale) : nearbyint(x * scale)) / scale;
        *out = val_double(r);
        return EV_OK;
    }
    if ((is(name, "Floor") || is(name, "Ceiling") || is(name, "Truncate")) && na == 1) {
        double r = is(name, "Floor") ? floor(x) : is(name, "Ceiling") ? ceil(x) : trunc(x);
        *out = val_double(r);
        return EV_OK;
    }
    if (is(name, "Abs") && na == 1) {
        if (ints) {
            int64_t v = args[0].u.i < 0 ? -args[0].u.i : args[0].u.i;
            *out = val_kind(args[0]) == VAL_INT ? val_int((int32_t)v) : val_long(v);
        } else
            *out = val_double(fabs(x));
        return EV_OK;
    }
    if ((is(name, "Max") || is(name, "Min")) && na == 2) {
        bool max = is(name, "Max");
        if (ints) {
            int64_t a = args[0].u.i, b = args[1].u.i;
            int64_t r = max ? (a > b ? a : b) : (a < b ? a : b);
            *out = (val_kind(args[0]) == VAL_LONG || val_kind(args[1]) == VAL_LONG) ? val_long(r) : val_int((int32_t)r);
        } else
            *out = val_double(max ? fmax(x, y) : fmin(x, y));
        return EV_OK;
    }
    if (is(name, "Pow") && na == 2) { *out = val_double(pow(x, y)); return EV_OK; }
    if (is(name, "Sqrt") && na == 1) { *out = val_double(sqrt(x)); return EV_OK; }
    if (is(name, "Log") && na == 1) { *out = val_double(log(x)); return EV_OK; }
    if (is(name, "Log") && na == 2) { *out = val_double(log(x) / log(y)); return EV_OK; }
    if (is(name, "Log10") && na == 1) { *out = val_double(log10(x)); return EV_OK; }
    if (is(name, "Exp") && na == 1) { *out = val_double(exp(x)); return EV_OK; }
    if (is(name, "Sign") && na == 1) { *out = val_int(x < 0 ? -1 : x > 0); return EV_OK; }
    *handled = false;
    return EV_OK;
}

static int split_piece_fn(void *ctx, const char *piece, size_t len, bool captured)
{
    (void)captured;
    val *a = ctx;
    *a = val_arr_push(*a, val_str_n(piece, len));
    return 0;
}

/* [regex]::Match, Matches, IsMatch, Replace, Split, Escape, Unescape. */
static enum ev regex_static(struct interp *in, const struct ast_node *at, val name, const val *args,
                            uint32_t na, val *out, bool *handled)
{
    *handled = true;
    struct buf s = BUF_INIT, p = BUF_INIT;
    if (na >= 1)
        conv_str(args[0], &s);
    if ((is(name, "Escape") || is(name, "Unescape")) && na == 1) {
        struct buf o = BUF_INIT;
        if (is(name, "Escape"))
            rx_escape(buf_cstr(&s), s.len, &o);
        else {
            struct rx_error e = RX_ERROR_INIT;
            if (rx_unescape(buf_cstr(&s), s.len, &o, &e) != EMSH_OK) {
                enum ev rc = method_error(in, at, name, na, e.msg ? e.msg : "Unrecognized escape sequence.");
                rx_error_clear(&e);
                buf_release(&o);
                buf_release(&s);
                return rc;
            }
        }
        buf_release(&s);
        *out = val_str_buf(&o);
        return EV_OK;
    }
    if (na < 2) {
        buf_release(&s);
        *handled = false;
        return EV_OK;
    }
    conv_str(args[1], &p);
    unsigned flags = RX_NONE;
    uint32_t extra = is(name, "Replace") ? 3 : 2;
    if (na > extra) {
        /* RegexOptions given by name: 'IgnoreCase, Multiline' */
        struct buf o = BUF_INIT;
        conv_str(args[extra], &o);
        static const struct { const char *n; unsigned f; } opts[] = {
            {"IgnoreCase", RX_IGNORECASE}, {"Multiline", RX_MULTILINE}, {"Singleline", RX_SINGLELINE},
            {"ExplicitCapture", RX_EXPLICITCAPTURE}, {"IgnorePatternWhitespace", RX_IGNOREPATTERNWS},
            {"CultureInvariant", RX_CULTUREINVARIANT}, {"Compiled", RX_COMPILED}};
        for (size_t i = 0; i < EMSH_ARRAY_SIZE(opts); i++)
            if (o.s && strstr(o.s, opts[i].n))
                flags |= opts[i].f;
        int32_t num;
        if (val_kind(args[extra]) == VAL_INT && conv_to_int32(args[extra], &num, NULL))
            flags = (unsigned)num;
        buf_release(&o);
    }
    struct rx_error e = RX_ERROR_INIT;
    struct rx *rx = rx_get(buf_cstr(&p), p.len, flags, &e);
    if (!rx) {
        enum ev rc = method_error(in, at, name, na, e.msg ? e.msg : "Invalid pattern.");
        rx_error_clear(&e);
        buf_release(&s);
        buf_release(&p);
        return rc;
    }
    rx = rx_retain(rx);
    struct rx_match m = RX_MATCH_INIT;
    enum ev rc = EV_OK;
    if (is(name, "IsMatch")) {
        *out = val_bool(rx_exec(rx, buf_cstr(&s), s.len, 0, NULL) > 0);
    } else if (is(name, "Match")) {
        int got = rx_exec(rx, buf_cstr(&s), s.len, 0, &m);
        *out = rxv_match(rx, &m, buf_cstr(&s), got > 0);
    } else if (is(name, "Matches")) {
        struct rx_iter it;
        rx_iter_init(&it, rx, buf_cstr(&s), s.len, 0);
        val a = val_arr_new();
        while (rx_iter_next(&it, &m) > 0)
            a = val_arr_push(a, rxv_match(rx, &m, buf_cstr(&s), true));
        *out = a;
    } else if (is(name, "Replace") && na >= 3) {
        struct buf r = BUF_INIT, o = BUF_INIT;
        conv_str(args[2], &r);
        rx_replace(rx, buf_cstr(&s), s.len, buf_cstr(&r), r.len, -1, &o, NULL);
        buf_release(&r);
        *out = val_str_buf(&o);
    } else if (is(name, "Split")) {
        val a = val_arr_new();
        rx_split(rx, buf_cstr(&s), s.len, 0, split_piece_fn, &a);
        *out = a;
    } else {
        *handled = false;
    }
    rx_match_release(&m);
    rx_release(rx);
    buf_release(&s);
    buf_release(&p);
    return rc;
}

/* [convert]::ToInt32 / ToInt64 / ToDouble / ToBoolean / ToString / ToDateTime / ToBase64String / FromBase64String. */
static enum ev convert_static(struct interp *in, const struct ast_node *at, val name, const val *args,
                              uint32_t na, val *out, bool *handled)
{
    *handled = true;
    static const struct { const char *n; uint16_t t; } to[] = {
        {"ToInt32", TY_INT}, {"ToInt64", TY_LONG}, {"ToInt16", TY_INT16}, {"ToByte", TY_BYTE},
        {"ToDouble", TY_DOUBLE}, {"ToDecimal", TY_DECIMAL}, {"ToBoolean", TY_BOOL},
        {"ToString", TY_STRING}, {"ToDateTime", TY_DATETIME}, {"ToChar", TY_CHAR}, {"ToUInt32", TY_UINT32}};
    if (na == 2 && (is(name, "ToInt32") || is(name, "ToInt64"))) {
        /* a string in base 2, 8, 10 or 16 */
        struct buf s = BUF_INIT;
        conv_str(args[0], &s);
        int32_t base = 10;
        conv_to_int32(args[1], &base, NULL);
        char *end;
        const char *p = buf_cstr(&s);
        if (base == 16 && (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')))
            p += 2;
        long long v = strtoll(p, &end, base);
        bool ok = *p && *end == '\0' && (base == 2 || base == 8 || base == 10 || base == 16);
        buf_release(&s);
        if (!ok)
            return method_error(in, at, name, na, "Could not find any recognizable digits.");
        *out = is(name, "ToInt32") ? val_int((int32_t)v) : val_long(v);
        return EV_OK;
    }
    if (na == 2 && is(name, "ToString") && (val_kind(args[0]) == VAL_INT || val_kind(args[0]) == VAL_LONG)) {
        int32_t base = 10;
        conv_to_int32(args[1], &base, NULL);
        uint64_t v = (uint64_t)args[0].u.i;
        if (val_kind(args[0]) == VAL_INT)
            v &= 0xFFFFFFFFu;
        char digits[80];
        int k = 0;
        do {
            digits[k++] = "0123456789abcdef"[v % (uint64_t)base];
            v /= (uint64_t)base;
        } while (v && k < 79);
        struct buf b = BUF_INIT;
        while (k)
            buf_putc(&b, digits[--k]);
        *out = val_str_buf(&b);
        return EV_OK;
    }
    for (size_t i = 0; na == 1 && i < EMSH_ARRAY_SIZE(to); i++) {
        if (!is(name, to[i].n))
            continue;
        struct conv_error err;
        if (!conv_to_type(val_copy(args[0]), to[i].t, out, &err))
            return method_error(in, at, name, na, err.msg);
        return EV_OK;
    }
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (is(name, "ToBase64String") && na == 1) {
        /* bytes: a byte array, or a string's bytes */
        struct buf bytes = BUF_INIT, o = BUF_INIT;
        if (val_kind(args[0]) == VAL_ARRAY)
            for (uint32_t i = 0; i < val_arr_len(args[0]); i++) {
                int32_t x = 0;
                conv_to_int32(val_arr_items(args[0])[i], &x, NULL);
                buf_putc(&bytes, (char)x);
            }
        else
            conv_str(args[0], &bytes);
        const unsigned char *d = (const unsigned char *)buf_cstr(&bytes);
        for (size_t i = 0; i < bytes.len; i += 3) {
            uint32_t v = (uint32_t)d[i] << 16 | (i + 1 < bytes.len ? (uint32_t)d[i + 1] << 8 : 0) |
                         (i + 2 < bytes.len ? d[i + 2] : 0);
            buf_putc(&o, b64[v >> 18]);
            buf_putc(&o, b64[(v >> 12) & 63]);
            buf_putc(&o, i + 1 < bytes.len ? b64[(v >> 6) & 63] : '=');
            buf_putc(&o, i + 2 < bytes.len ? b64[v & 63] : '=');
        }
        buf_release(&bytes);
        *out = val_str_buf(&o);
        return EV_OK;
    }
    if (is(name, "FromBase64String") && na == 1) {
        struct buf s = BUF_INIT;
        conv_str(args[0], &s);
        val a = val_arr_new();
        uint32_t acc = 0;
        int bits = 0;
        for (size_t i = 0; i < s.len; i++) {
            const char *q = strchr(b64, s.s[i]);
            if (s.s[i] == '=' || !q || !*q)
                continue;
            acc = acc << 6 | (uint32_t)(q - b64);
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                a = val_arr_push(a, val_int((int32_t)((acc >> bits) & 0xFF)));
            }
        }
        buf_release(&s);
        *out = val_arr_set_flavour(a, ARR_OBJECT, "System.Byte");
        return EV_OK;
    }
    *handled = false;
    return EV_OK;
}

/* [System.IO.Path]: the path functions scripts use, with / as separator. */
static enum ev path_static(struct interp *in, const struct ast_node *at, val name, const val *args,
                           uint32_t na, val *out, bool *handled)
{
    (void)in;
    (void)at;
    *handled = true;
    struct buf p = BUF_INIT;
    if (na >= 1)
        conv_str(args[0], &p);
    for (size_t i = 0; i < p.len; i++)
        if (p.s[i] == '\\')
            p.s[i] = '/';
    const char *s = buf_cstr(&p);
    const char *slash = strrchr(s, '/');
    const char *file = slash ? slash + 1 : s;
    const char *dot = strrchr(file, '.');
    if (is(name, "Combine") && na >= 1) {
        struct buf r = BUF_INIT;
        for (uint32_t i = 0; i < na; i++) {
            struct buf part = BUF_INIT;
            conv_str(args[i], &part);
            for (size_t k = 0; k < part.len; k++)
                if (part.s[k] == '\\')
                    part.s[k] = '/';
            if (part.len && part.s[0] == '/')
                buf_reset(&r);
            else if (r.len && r.s[r.len - 1] != '/')
                buf_putc(&r, '/');
            buf_add(&r, buf_cstr(&part), part.len);
            buf_release(&part);
        }
        *out = val_str_buf(&r);
    } else if (is(name, "GetFileName") && na == 1) {
        *out = val_str_new(file);
    } else if (is(name, "GetFileNameWithoutExtension") && na == 1) {
        *out = val_str_n(file, dot ? (size_t)(dot - file) : strlen(file));
    } else if (is(name, "GetExtension") && na == 1) {
        *out = val_str_new(dot ? dot : "");
    } else if (is(name, "GetDirectoryName") && na == 1) {
        *out = slash ? val_str_n(s, slash == s ? 1 : (size_t)(slash - s)) : val_str_new("");
    } else if (is(name, "ChangeExtension") && na == 2) {
        struct buf r = BUF_INIT, e = BUF_INIT;
        buf_add(&r, s, dot ? (size_t)(dot - s) : p.len);
        conv_str(args[1], &e);
        if (e.len && e.s[0] != '.')
            buf_putc(&r, '.');
        buf_add(&r, buf_cstr(&e), e.len);
        buf_release(&e);
        *out = val_str_buf(&r);
    } else if (is(name, "IsPathRooted") && na == 1) {
        *out = val_bool(s[0] == '/');
    } else if (is(name, "GetTempPath") && na == 0) {
        const char *t = getenv("TMPDIR");
        *out = val_str_printf("%s/", t && *t ? t : "/tmp");
    } else if (is(name, "GetFullPath") && na == 1) {
        char cwd[4096];
        if (s[0] == '/' || !getcwd(cwd, sizeof cwd))
            *out = val_str_new(s);
        else
            *out = val_str_printf("%s/%s", cwd, s);
    } else if (is(name, "GetInvalidFileNameChars") && na == 0) {
        val a = val_arr_new();
        a = val_arr_push(a, val_char('/'));
        a = val_arr_push(a, val_char(0));
        *out = val_arr_set_flavour(a, ARR_OBJECT, "System.Char");
    } else {
        *handled = false;
    }
    buf_release(&p);
    return EV_OK;
}

/* Object.Equals as Array.IndexOf applies it: the same type and value, strings by ordinal. */
static bool same_value(val a, val b)
{
    if (val_kind(a) != val_kind(b))
        return false;
    if (val_kind(a) == VAL_STRING)
        return val_str_len(a) == val_str_len(b) && !memcmp(val_str(a), val_str(b), val_str_len(a));
    return ops_equal(a, b, false);
}

static int sort_cmp(const void *x, const void *y)
{
    int c = 0;
    ops_compare(*(const val *)x, *(const val *)y, false, &c, NULL);
    return c;
}

/*
** [array]::IndexOf, LastIndexOf, Reverse, Sort and Clear: the array
** itself changed where .NET changes it (arrays are shared by reference).
** A range that leaves the array is .NET's ArgumentException.
*/
static enum ev array_static(struct interp *in, const struct ast_node *at, val name, const val *args, uint32_t na,
                            val *out, bool *handled)
{
    if (na == 0 || val_kind(args[0]) != VAL_ARRAY)
        return EV_OK;
    val a = args[0];
    int64_t n = val_arr_len(a), from = 0, count = n;
    bool index_of = is(name, "IndexOf") || is(name, "LastIndexOf");
    uint32_t range_at = index_of ? 2 : 1; /* where (index, length) start */
    if (!index_of && !is(name, "Reverse") && !is(name, "Sort") && !is(name, "Clear"))
        return EV_OK;
    *handled = true;
    if (na > range_at && !conv_to_int64(args[range_at], &from, NULL))
        return bad_args(in, at, name, na);
    if (na > range_at + 1 && !conv_to_int64(args[range_at + 1], &count, NULL))
        return bad_args(in, at, name, na);
    if (na == range_at + 1)
        count = n - from;
    if ((is(name, "Clear") && na != 3) || (index_of && na < 2) || na > range_at + 2)
        return bad_args(in, at, name, na);
    if (from < 0 || count < 0 || from > n || count > n - from)
        return method_threw(in, at, name, na, "ArgumentException",
                            "Offset and length were out of bounds for the array or count is greater than the "
                            "number of elements from index to the end of the source collection.");
    if (index_of) {
        int64_t found = -1;
        for (int64_t k = 0; k < count && found < 0; k++) {
            int64_t i = is(name, "IndexOf") ? from + k : from + count - 1 - k;
            if (same_value(val_arr_items(a)[i], args[1]))
                found = i;
        }
        *out = val_int((int32_t)found);
        return EV_OK;
    }
    val *v = emsh_xmalloc((size_t)(count ? count : 1) * sizeof *v);
    for (int64_t k = 0; k < count; k++)
        v[k] = val_arr_get(a, (uint32_t)(from + k));
    if (is(name, "Sort"))
        qsort(v, (size_t)count, sizeof *v, sort_cmp);
    for (int64_t k = 0; k < count; k++) {
        val x = is(name, "Reverse") ? v[count - 1 - k] : v[k];
        if (is(name, "Clear")) {
            val_free(x);
            x = val_null();
        }
        a = val_arr_set(a, (uint32_t)(from + k), x);
    }
    free(v);
    *out = val_nothing();
    return EV_OK;
}

/*
** Does s[0..n) read as a number of the styles .NET's TryParse takes:
** blanks around, a sign, digits (with group commas before the point, and a
** point and an exponent, when fraction)? Int32.TryParse("3.7") and
** ("0x10") are false where a cast converts them. The digits, without
** blanks and commas, go to out.
*/
static bool number_text(const char *s, size_t n, bool fraction, struct buf *out)
{
    size_t i = 0, digits = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        buf_putc(out, s[i++]);
    for (; i < n && ((s[i] >= '0' && s[i] <= '9') || (fraction && s[i] == ',' && digits)); i++)
        if (s[i] != ',')
            buf_putc(out, s[i]), digits++;
    if (fraction && i < n && s[i] == '.')
        for (buf_putc(out, s[i++]); i < n && s[i] >= '0' && s[i] <= '9'; i++)
            buf_putc(out, s[i]), digits++;
    if (fraction && digits && i < n && (s[i] == 'e' || s[i] == 'E')) {
        buf_putc(out, s[i++]);
        if (i < n && (s[i] == '+' || s[i] == '-'))
            buf_putc(out, s[i++]);
        size_t e = i;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            buf_putc(out, s[i]);
        if (i == e)
            return false;
    }
    return digits && i == n;
}

/*
** T::TryParse(s, [ref]$result) of the number types, Boolean, Guid,
** DateTime and TimeSpan: whether s parses, the value (or the type's
** default) put into the reference, as an out parameter is. Overloads with
** styles and a format provider are taken, those two left aside.
*/
static enum ev try_parse(struct interp *in, const struct ast_node *at, uint16_t t, val name, const val *args,
                         uint32_t na, val *out, bool *handled)
{
    static const uint16_t types[] = {TY_BYTE, TY_SBYTE, TY_INT16, TY_UINT16, TY_INT, TY_UINT32, TY_LONG,
                                     TY_UINT64, TY_SINGLE, TY_DOUBLE, TY_DECIMAL, TY_BOOL, TY_GUID,
                                     TY_DATETIME, TY_TIMESPAN, TY_IPADDRESS};
    bool known = false;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(types); i++)
        known |= types[i] == t;
    if (!known || !is(name, "TryParse") || (na != 2 && na != 4))
        return EV_OK;
    *handled = true;
    val ref = args[na - 1];
    if (!conv_is_ref(ref))
        return not_a_ref(in, at, na);
    struct buf s = BUF_INIT, num = BUF_INIT;
    if (!val_is_null(args[0]))
        conv_str(args[0], &s);
    const char *text = buf_cstr(&s);
    struct conv_error err;
    val result = val_nothing();
    bool fraction = t == TY_SINGLE || t == TY_DOUBLE || t == TY_DECIMAL;
    if (t == TY_BOOL) {
        size_t a = 0, b = s.len;
        while (a < b && (text[a] == ' ' || text[a] == '\t'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t'))
            b--;
        if (text_ieq(text + a, b - a, "True", 4) || text_ieq(text + a, b - a, "False", 5))
            result = val_bool(b - a == 4);
    } else if (t == TY_DATETIME) {
        int64_t ticks;
        enum dt_kind kind = DT_UNSPECIFIED;
        if (s.len && dt_parse(text, s.len, &ticks, &kind) == DT_OK)
            result = val_datetime(ticks, conv_dt_flags(kind));
    } else if (t == TY_DECIMAL) {
        struct dec d;
        if (number_text(text, s.len, true, &num) && dec_parse(num.s, num.len, &d) == DEC_OK)
            result = val_dec(d);
    } else if (t == TY_GUID || t == TY_TIMESPAN || t == TY_IPADDRESS) {
        if (s.len && !conv_to_type(val_str_n(text, s.len), t, &result, &err))
            result = val_nothing();
    } else if (number_text(text, s.len, fraction, &num)) {
        if (!conv_to_type(val_str_n(num.s, num.len), t, &result, &err))
            result = val_nothing(); /* out of the type's range */
    }
    buf_release(&s);
    buf_release(&num);
    bool ok = val_kind(result) != VAL_NOTHING;
    if (!ok)
        result = default_of(t);
    *out = val_bool(ok);
    return ev_ref_set(in, at, ref, result);
}

static enum ev static_method(struct interp *in, const struct ast_node *at, val type, val name,
                             const val *args, uint32_t na, val *out)
{
    if (val_kind(type) != VAL_TYPE)
        return no_method(in, at, type, name, true);
    uint16_t t = type.aux;
    bool handled = false;
    enum ev rc = ev_class_method(in, at, type, val_str(name), args, na, out, &handled);
    if (handled || rc)
        return rc;
    rc = try_parse(in, at, t, name, args, na, out, &handled);
    if (handled || rc)
        return rc;
    if (t == TY_ARRAY) {
        rc = array_static(in, at, name, args, na, out, &handled);
        if (handled || rc)
            return rc;
    }
    if (netobj_static(t, val_str(name), args, na, true, out) == NETOBJ_OK)
        return EV_OK;
    const char *enc_why = NULL;
    enum netobj_rc enc = netenc_static(t, val_str(name), args, na, true, out, &enc_why);
    if (enc != NETOBJ_NONE)
        return enc == NETOBJ_OK ? EV_OK : method_threw(in, at, name, na, "ArgumentException", enc_why);
    char *io_why = NULL;
    const char *io_exc = NULL;
    enum netobj_rc io = netio_static(t, val_str(name), args, na, out, &io_exc, &io_why);
    if (io == NETOBJ_ERROR) {
        rc = method_threw(in, at, name, na, io_exc, io_why);
        free(io_why);
        return rc;
    }
    if (io == NETOBJ_OK) {
        if (t == TY_DIRECTORY && val_kind(*out) == VAL_STRING) {
            /* CreateDirectory: the DirectoryInfo of the full path */
            val full = *out;
            *out = item_info(val_str(full));
            val_free(full);
        }
        return EV_OK;
    }
    if (is(name, "new")) {
        const char *why = NULL;
        enum netobj_rc r = netobj_new(t, args, na, out, &why);
        if (r == NETOBJ_ERROR)
            return method_error(in, at, name, na, why);
        if (r == NETOBJ_OK)
            return EV_OK;
    }
    if (t == TY_MATH) {
        rc = math_method(in, at, name, args, na, out, &handled);
        if (handled || rc)
            return rc;
    }
    if (t == TY_ENUM_BASE && na >= 1 && val_kind(args[0]) == VAL_TYPE) {
        /* [enum]::GetNames / GetValues / Parse / IsDefined / ToObject of an enum type */
        uint16_t et = args[0].aux;
        const struct type_info *ti = type_get(et);
        if (!ti || ti->kind != TK_ENUM) {
            struct buf m = BUF_INIT;
            buf_printf(&m, "Type provided must be an Enum.\r\nParameter name: enumType");
            rc = method_error(in, at, name, na, buf_cstr(&m));
            buf_release(&m);
            return rc;
        }
        if ((is(name, "GetNames") || is(name, "GetValues")) && na == 1) {
            /* in value order, as .NET sorts them */
            uint32_t n = ti->nnames;
            uint32_t *order = emsh_xmalloc((n ? n : 1) * sizeof *order);
            for (uint32_t i = 0; i < n; i++)
                order[i] = i;
            for (uint32_t i = 1; i < n; i++)
                for (uint32_t j = i; j > 0 && (uint64_t)ti->values[order[j - 1]] > (uint64_t)ti->values[order[j]]; j--) {
                    uint32_t x = order[j];
                    order[j] = order[j - 1];
                    order[j - 1] = x;
                }
            val a = val_arr_new();
            for (uint32_t i = 0; i < n; i++)
                a = val_arr_push(a, is(name, "GetNames") ? val_str_new(ti->names[order[i]])
                                                         : val_enum(et, ti->values[order[i]]));
            free(order);
            *out = a;
            return EV_OK;
        }
        if ((is(name, "Parse") && (na == 2 || na == 3)) || (is(name, "ToObject") && na == 2)) {
            struct conv_error err;
            if (!conv_to_type(val_copy(args[1]), et, out, &err))
                return method_error(in, at, name, na, err.msg);
            return EV_OK;
        }
        if (is(name, "IsDefined") && na == 2) {
            bool found = false;
            if (val_kind(args[1]) == VAL_STRING) {
                int64_t v;
                found = type_enum_value(et, val_str(args[1]), val_str_len(args[1]), &v);
            } else {
                int64_t v = 0;
                conv_to_int64(args[1], &v, NULL);
                for (uint32_t i = 0; i < ti->nnames && !found; i++)
                    found = ti->values[i] == v;
            }
            *out = val_bool(found);
            return EV_OK;
        }
    }
    if (t == TY_URI) {
        if (na == 1 && (is(name, "EscapeDataString") || is(name, "UnescapeDataString") || is(name, "EscapeUriString"))) {
            if (val_is_null(args[0]))
                return method_error(in, at, name, na, "Value cannot be null.\r\nParameter name: stringToEscape");
            struct buf sb = BUF_INIT, r = BUF_INIT;
            conv_str(args[0], &sb);
            if (is(name, "EscapeDataString"))
                uri_escape_data(sb.s ? sb.s : "", sb.len, &r);
            else if (is(name, "EscapeUriString"))
                uri_escape_uri(sb.s ? sb.s : "", sb.len, &r);
            else
                uri_unescape(sb.s ? sb.s : "", sb.len, &r);
            buf_release(&sb);
            *out = val_str_buf(&r);
            return EV_OK;
        }
        if (is(name, "IsWellFormedUriString") && na == 2) {
            struct buf sb = BUF_INIT;
            conv_str(args[0], &sb);
            int32_t kind = 0;
            val k;
            struct conv_error err;
            uint16_t ukind = type_lookup("System.UriKind", 14);
            if (!conv_to_type(val_copy(args[1]), ukind, &k, &err)) {
                buf_release(&sb);
                return ev_throw_conv(in, at, &err);
            }
            kind = (int32_t)k.u.i;
            *out = val_bool(!val_is_null(args[0]) && uri_well_formed(sb.s ? sb.s : "", sb.len, (enum uri_kind)kind));
            buf_release(&sb);
            return EV_OK;
        }
        if (is(name, "new")) {
            const char *why;
            *out = uri_new(args, na, &why);
            if (val_kind(*out) != VAL_NOTHING)
                return EV_OK;
            if (!why)
                return bad_args(in, at, name, na);
            struct buf m = BUF_INIT;
            buf_printf(&m, "Exception calling \".ctor\" with \"%u\" argument(s): \"%s\"", na, why);
            struct err_spec spec = {buf_cstr(&m), "UriFormatException", "NotSpecified",
                                    "System.Management.Automation.MethodInvocationException", val_nothing(), NULL};
            rc = ev_throw(in, at, &spec);
            buf_release(&m);
            return rc;
        }
    }
    if (t == TY_DECIMAL) {
        if (is(name, "Parse") && na >= 1) {
            struct buf sb = BUF_INIT;
            conv_str(args[0], &sb);
            struct dec d;
            enum dec_status st = dec_parse(sb.s ? sb.s : "", sb.len, &d);
            buf_release(&sb);
            if (st != DEC_OK)
                return method_error(in, at, name, na, st == DEC_FORMAT ? "Input string was not in a correct format."
                                                                       : "Value was either too large or too small for a Decimal.");
            *out = val_dec(d);
            return EV_OK;
        }
        rc = decimal_math(in, at, name, args, na, out, &handled);
        if (handled || rc)
            return rc;
        static const char *const ops[][2] = {{"Add", "+"}, {"Subtract", "-"}, {"Multiply", "*"},
                                             {"Divide", "/"}, {"Remainder", "%"}};
        for (size_t i = 0; i < sizeof ops / sizeof ops[0] && na == 2; i++) {
            if (!is(name, ops[i][0]))
                continue;
            struct dec a, b, r;
            struct conv_error err;
            if (!conv_to_decimal(args[0], &a, &err) || !conv_to_decimal(args[1], &b, &err))
                return ev_throw_conv(in, at, &err);
            enum dec_status st = i == 0 ? dec_add(a, b, &r) : i == 1 ? dec_sub(a, b, &r) : i == 2 ? dec_mul(a, b, &r)
                                 : i == 3 ? dec_div(a, b, &r) : dec_rem(a, b, &r);
            if (st)
                return method_error(in, at, name, na, st == DEC_DIVZERO ? "Attempted to divide by zero."
                                                                        : "Value was either too large or too small for a Decimal.");
            *out = val_dec(r);
            return EV_OK;
        }
    }
    if (is(name, "new")) {
        const struct type_info *ti = type_get(t);
        if (t == TY_HASHTABLE || t == TY_ORDERED) {
            *out = val_hash_new(t == TY_ORDERED);
            return EV_OK;
        }
        if (ti && type_kind_collection(ti->kind)) {
            struct conv_error err = {0};
            if (conv_new_collection(t, args, na, out, &err))
                return EV_OK;
            return err.id && !strcmp(err.id, "CannotFindAppropriateCtor") ? bad_args(in, at, name, na)
                                                                            : ev_throw_conv(in, at, &err);
        }
        if (t == TY_ARRAYLIST || (ti && ti->kind == TK_LIST)) {
            val a = val_arr_new();
            if (na == 1 && val_kind(args[0]) == VAL_ARRAY)
                for (uint32_t i = 0; i < val_arr_len(args[0]); i++)
                    a = val_arr_push(a, val_arr_get(args[0], i));
            *out = t == TY_ARRAYLIST ? val_arr_set_flavour(a, ARR_ARRAYLIST, NULL)
                                     : val_arr_set_flavour(a, ARR_LIST, type_name(ti->elem));
            return EV_OK;
        }
        if (t == TY_PSCUSTOMOBJECT || t == TY_PSOBJECT) {
            *out = val_obj_new(NULL);
            return EV_OK;
        }
        if (ti && ti->kind == TK_EXCEPTION) {
            struct buf m = BUF_INIT;
            if (na >= 1)
                conv_str(args[0], &m);
            *out = conv_exception(t, na >= 1 ? buf_cstr(&m) : NULL, na >= 2 ? val_copy(args[1]) : val_null());
            buf_release(&m);
            return EV_OK;
        }
        if (na == 1) {
            struct conv_error err;
            if (!conv_to_type(val_copy(args[0]), t, out, &err))
                return ev_throw_conv(in, at, &err);
            return EV_OK;
        }
    }
    if (t == TY_STRING) {
        if ((is(name, "IsNullOrEmpty") || is(name, "IsNullOrWhiteSpace")) && na == 1) {
            struct buf b = BUF_INIT;
            conv_str(args[0], &b);
            bool empty = b.len == 0;
            if (!empty && is(name, "IsNullOrWhiteSpace")) {
                empty = true;
                for (size_t i = 0; i < b.len; i++)
                    if (!strchr(" \t\r\n\v\f", b.s[i]))
                        empty = false;
            }
            buf_release(&b);
            *out = val_bool(empty);
            return EV_OK;
        }
        if (is(name, "Join") && na >= 2) {
            struct buf sep = BUF_INIT, b = BUF_INIT;
            conv_str(args[0], &sep);
            uint32_t k = 0;
            for (uint32_t i = 1; i < na; i++) {
                val a = args[i];
                uint32_t n = val_kind(a) == VAL_ARRAY ? val_arr_len(a) : 1;
                for (uint32_t j = 0; j < n; j++) {
                    if (k++)
                        buf_add(&b, buf_cstr(&sep), sep.len);
                    conv_str(val_kind(a) == VAL_ARRAY ? val_arr_items(a)[j] : a, &b);
                }
            }
            buf_release(&sep);
            *out = val_str_buf(&b);
            return EV_OK;
        }
        if (is(name, "Concat")) {
            struct buf b = BUF_INIT;
            for (uint32_t i = 0; i < na; i++)
                conv_str(args[i], &b);
            *out = val_str_buf(&b);
            return EV_OK;
        }
        if (is(name, "Format") && na >= 1) {
            val rest = val_arr_new();
            for (uint32_t i = 1; i < na; i++)
                rest = val_arr_push(rest, val_copy(args[i]));
            if (na == 2 && val_kind(args[1]) == VAL_ARRAY) {
                val_free(rest);
                rest = val_copy(args[1]);
            }
            rc = ev_format_op(in, at, args[0], rest, out);
            val_free(rest);
            return rc;
        }
        if (is(name, "Compare") && na >= 2) {
            bool icase = na >= 3 && conv_truthy(args[2]);
            int cmp;
            ops_compare(val_kind(args[0]) == VAL_STRING ? args[0] : val_str_new(""), args[1], icase, &cmp, NULL);
            *out = val_int(cmp < 0 ? -1 : cmp > 0);
            return EV_OK;
        }
    }
    if (t == TY_DATETIME && (is(name, "Parse") || is(name, "ParseExact")) && na >= 1) {
        struct buf s = BUF_INIT, f = BUF_INIT;
        conv_str(args[0], &s);
        int64_t ticks;
        enum dt_kind kind = DT_UNSPECIFIED;
        enum dt_err e;
        if (is(name, "ParseExact") && na >= 2) {
            conv_str(args[1], &f);
            e = dt_parse_exact(s.s ? s.s : "", s.len, buf_cstr(&f), DT_INVARIANT, &ticks, &kind);
        } else {
            e = dt_parse(s.s ? s.s : "", s.len, &ticks, &kind);
        }
        buf_release(&s);
        buf_release(&f);
        if (e)
            return method_error(in, at, name, na, dt_err_str(e));
        *out = val_datetime(ticks, conv_dt_flags(kind));
        return EV_OK;
    }
    if (t == TY_TIMESPAN && na == 1) {
        static const struct {
            const char *name;
            double unit;
        } from[] = {{"FromDays", DT_TICKS_PER_DAY}, {"FromHours", DT_TICKS_PER_HOUR},
                    {"FromMinutes", DT_TICKS_PER_MINUTE}, {"FromSeconds", DT_TICKS_PER_SECOND},
                    {"FromMilliseconds", DT_TICKS_PER_MS}, {"FromTicks", 1}};
        for (size_t i = 0; i < EMSH_ARRAY_SIZE(from); i++) {
            if (!is(name, from[i].name))
                continue;
            double x;
            if (!conv_to_double(args[0], &x, NULL))
                return bad_args(in, at, name, na);
            double ms = round(x * from[i].unit / DT_TICKS_PER_MS);
            *out = val_timespan(from[i].unit < DT_TICKS_PER_MS ? (int64_t)x : (int64_t)ms * DT_TICKS_PER_MS);
            return EV_OK;
        }
        if (is(name, "Parse")) {
            struct conv_error err;
            if (!conv_to_type(val_copy(args[0]), TY_TIMESPAN, out, &err))
                return method_error(in, at, name, na, "String was not recognized as a valid TimeSpan.");
            return EV_OK;
        }
    }
    if (t == TY_IPADDRESS && is(name, "Parse") && na == 1) {
        struct buf s = BUF_INIT;
        conv_str(args[0], &s);
        const char *why;
        *out = netaddr_ip(buf_cstr(&s), s.len, &why);
        buf_release(&s);
        return val_kind(*out) == VAL_NOTHING ? method_error(in, at, name, na, why) : EV_OK;
    }
    if ((t == TY_INT || t == TY_LONG || t == TY_DOUBLE || t == TY_GUID || t == TY_BOOL) && is(name, "Parse") && na >= 1) {
        struct conv_error err;
        if (!conv_to_type(val_copy(args[0]), t, out, &err))
            return method_error(in, at, name, na, "Input string was not in a correct format.");
        return EV_OK;
    }
    if (t == TY_GUID && is(name, "NewGuid") && na == 0) {
        uint8_t b[16];
        FILE *f = fopen("/dev/urandom", "rb");
        if (!f || fread(b, 1, 16, f) != 16) {
            for (int i = 0; i < 16; i++)
                b[i] = (uint8_t)rand();
        }
        if (f)
            fclose(f);
        b[6] = (uint8_t)((b[6] & 0x0F) | 0x40);
        b[8] = (uint8_t)((b[8] & 0x3F) | 0x80);
        *out = val_guid(b);
        return EV_OK;
    }
    if (t == TY_REGEX) {
        rc = regex_static(in, at, name, args, na, out, &handled);
        if (handled || rc)
            return rc;
    }
    if (t == TY_CONVERT) {
        rc = convert_static(in, at, name, args, na, out, &handled);
        if (handled || rc)
            return rc;
    }
    if (t == TY_PATH) {
        rc = path_static(in, at, name, args, na, out, &handled);
        if (handled || rc)
            return rc;
    }
    if (t == TY_CHAR && na == 1) {
        struct buf b = BUF_INIT;
        conv_str(args[0], &b);
        size_t k = 0;
        uint32_t c = b.len ? text_next(b.s, b.len, &k) : 0;
        buf_release(&b);
        if (is(name, "IsDigit")) { *out = val_bool(c >= '0' && c <= '9'); return EV_OK; }
        if (is(name, "IsLetter")) { *out = val_bool(text_fold(c) != text_upper(c) || (c >= 0x80 && c != 0xA0)); return EV_OK; }
        if (is(name, "IsLetterOrDigit")) { *out = val_bool((c >= '0' && c <= '9') || text_fold(c) != text_upper(c)); return EV_OK; }
        if (is(name, "IsUpper")) { *out = val_bool(text_fold(c) != c); return EV_OK; }
        if (is(name, "IsLower")) { *out = val_bool(text_upper(c) != c); return EV_OK; }
        if (is(name, "IsWhiteSpace")) { *out = val_bool(c == ' ' || (c >= 9 && c <= 13) || c == 0xA0); return EV_OK; }
        if (is(name, "ToUpper")) { *out = val_char(text_upper(c)); return EV_OK; }
        if (is(name, "ToLower")) { *out = val_char(text_fold(c)); return EV_OK; }
    }
    if (t == TY_ENVIRONMENT && is(name, "GetEnvironmentVariable") && na >= 1) {
        struct buf b = BUF_INIT;
        buf_puts(&b, "env:");
        conv_str(args[0], &b);
        *out = ev_var_get(in, b.s, b.len);
        buf_release(&b);
        return EV_OK;
    }
    return no_method(in, at, type, name, true);
}

/* }================================================================== */

/*
** {==================================================================
** Indexing
** ===================================================================
*/

static bool index_of(val idx, int64_t len, int64_t *out)
{
    int64_t i;
    if (!conv_to_int64(idx, &i, NULL))
        return false;
    if (i < 0)
        i += len;
    *out = i;
    return i >= 0 && i < len;
}

/* What indexing a value that has no indexer is: $null's, or a collection's
** that is not a list (Queue, Stack, HashSet). */
static enum ev cannot_index(struct interp *in, const struct ast_node *at, val target)
{
    struct buf m = BUF_INIT;
    if (val_is_null(target))
        buf_puts(&m, "Cannot index into a null array.");
    else
        buf_printf(&m, "Unable to index into an object of type %s.", conv_type_name(target));
    struct err_spec spec = {buf_cstr(&m), val_is_null(target) ? "NullArray" : "CannotIndex", "InvalidOperation",
                            "System.Management.Automation.RuntimeException", val_nothing(), NULL};
    enum ev rc = ev_throw(in, at, &spec);
    buf_release(&m);
    return rc;
}

enum ev ev_index_get(struct interp *in, const struct ast_node *at, val target, val index, val *out)
{
    if (val_kind(target) == VAL_ARRAY && val_arr_flavour(target) >= ARR_QUEUE)
        return cannot_index(in, at, target);
    switch (val_kind(target)) {
    case VAL_HASHTABLE:
        if (val_kind(index) == VAL_ARRAY) {
            val a = val_arr_new();
            for (uint32_t i = 0; i < val_arr_len(index); i++) {
                val v = val_hash_get(target, val_arr_get(index, i));
                if (val_kind(v) != VAL_NOTHING)
                    a = val_arr_push(a, v);
            }
            *out = a;
            return EV_OK;
        }
    {
        val key;
        enum ev rc = index_key(in, at, target, index, &key);
        if (rc)
            return rc;
        /* a missing key gives $null, a Dictionary's as a Hashtable's */
        *out = val_hash_get(target, key);
        if (val_kind(*out) == VAL_NOTHING)
            *out = val_null();
        return EV_OK;
    }
    case VAL_ARRAY:
    case VAL_STRING: {
        bool str = val_kind(target) == VAL_STRING;
        int64_t len = str ? (int64_t)text_utf16_len(val_str(target), val_str_len(target)) : val_arr_len(target);
        if (val_kind(index) == VAL_ARRAY) {
            /* slicing: the elements at each index, missing ones skipped */
            val a = val_arr_new();
            for (uint32_t i = 0; i < val_arr_len(index); i++) {
                val v;
                enum ev rc = ev_index_get(in, at, target, val_arr_items(index)[i], &v);
                if (rc) {
                    val_free(a);
                    return rc;
                }
                if (!val_is_null(v))
                    a = val_arr_push(a, v);
            }
            *out = a;
            return EV_OK;
        }
        int64_t i;
        if (!str && val_kind(index) == VAL_STRING && !conv_to_int64(index, &i, NULL)) {
            /* a GroupCollection indexed by a group's name */
            *out = val_null();
            for (uint32_t k = 0; k < val_arr_len(target); k++) {
                val e = val_arr_items(target)[k];
                val nm = val_obj_get(e, "Name");
                bool same = val_kind(nm) == VAL_STRING &&
                            text_ieq(val_str(nm), val_str_len(nm), val_str(index), val_str_len(index));
                val_free(nm);
                if (same) {
                    *out = val_copy(e);
                    break;
                }
            }
            return EV_OK;
        }
        if (!index_of(index, len, &i)) {
            *out = val_null();
            if (ev_strict_mode(in) < 3)
                return EV_OK;
            struct err_spec spec = {"Index was outside the bounds of the array.", "System.IndexOutOfRangeException",
                                    "OperationStopped", "System.IndexOutOfRangeException", val_nothing(), NULL};
            return ev_throw(in, at, &spec);
        }
        if (str) {
            size_t b = text_utf16_offset(val_str(target), val_str_len(target), (size_t)i), k = b;
            *out = val_char(text_next(val_str(target), val_str_len(target), &k));
        } else {
            *out = val_arr_get(target, (uint32_t)i);
        }
        return EV_OK;
    }
    case VAL_OBJECT: {
        struct buf b = BUF_INIT;
        conv_str(index, &b);
        *out = val_obj_get(target, buf_cstr(&b));
        buf_release(&b);
        if (val_kind(*out) == VAL_NOTHING)
            *out = val_null();
        return EV_OK;
    }
    case VAL_NULL:
    case VAL_NOTHING: {
        struct err_spec spec = {"Cannot index into a null array.", "NullArray", "InvalidOperation",
                                "System.Management.Automation.RuntimeException", val_nothing(), NULL};
        return ev_throw(in, at, &spec);
    }
    default: {
        /* a scalar indexes as a one-element collection */
        int64_t i;
        *out = index_of(index, 1, &i) ? val_copy(target) : val_null();
        return EV_OK;
    }
    }
}

enum ev ev_index_set(struct interp *in, const struct ast_node *at, val target, val index, val value)
{
    if (val_kind(value) == VAL_NOTHING)
        value = val_null();
    switch (val_kind(target)) {
    case VAL_HASHTABLE: {
        const struct type_info *dt = dict_type(target);
        val key;
        struct conv_error err;
        if (dt && val_is_null(index) && !type_is(dt->key, TY_VALUETYPE)) {
            val_free(value);
            struct err_spec spec = {"Value cannot be null.\nParameter name: key", "ArgumentNullException", "NotSpecified",
                                    "System.ArgumentNullException", val_nothing(), NULL};
            return ev_throw(in, at, &spec);
        }
        enum ev rc = index_key(in, at, target, index, &key);
        if (rc) {
            val_free(value);
            return rc;
        }
        if (dt && !conv_to_type(value, dt->elem, &value, &err)) {
            val_free(key);
            return ev_throw_conv(in, at, &err);
        }
        val_hash_set(target, key, value);
        return EV_OK;
    }
    case VAL_OBJECT: {
        struct buf b = BUF_INIT;
        conv_str(index, &b);
        val_obj_set(target, buf_cstr(&b), value);
        buf_release(&b);
        return EV_OK;
    }
    case VAL_ARRAY: {
        int64_t i;
        if (val_arr_flavour(target) >= ARR_QUEUE) {
            val_free(value);
            return cannot_index(in, at, target);
        }
        if (!index_of(index, val_arr_len(target), &i)) {
            val_free(value);
            struct err_spec spec = {"Index was outside the bounds of the array.", "System.IndexOutOfRangeException",
                                    "OperationStopped", "System.IndexOutOfRangeException", val_nothing(), NULL};
            return ev_throw(in, at, &spec);
        }
        val_arr_set(target, (uint32_t)i, value);
        return EV_OK;
    }
    default:
        val_free(value);
        return cannot_index(in, at, target);
    }
}

/* }================================================================== */
