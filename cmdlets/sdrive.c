/*
** sdrive.c - the session's drives for the item cmdlets (see sdrive.h).
*/
#include "sdrive.h"
#include "conv.h"
#include "text.h"
#include "wildcard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

void session_cmdlet_views(void); /* c_session.c: PSVariable and CommandInfo tables */

#define E_SSUAE "System.Management.Automation.SessionStateUnauthorizedAccessException"

enum sdrive sdrive_of(const char *path, const char **item)
{
    static const struct {
        const char *prefix;
        enum sdrive d;
    } forms[] = {
        /* provider-qualified first: "Environment::x" is a provider path, not a drive */
        {"Microsoft.PowerShell.Core\\Environment::", SD_ENV},
        {"Microsoft.PowerShell.Core\\Variable::", SD_VARIABLE},
        {"Microsoft.PowerShell.Core\\Function::", SD_FUNCTION},
        {"Microsoft.PowerShell.Core\\Alias::", SD_ALIAS},
        {"Environment::", SD_ENV},
        {"Variable::", SD_VARIABLE},
        {"Function::", SD_FUNCTION},
        {"Alias::", SD_ALIAS},
        {"Env:", SD_ENV},
        {"Variable:", SD_VARIABLE},
        {"Function:", SD_FUNCTION},
        {"Alias:", SD_ALIAS},
    };
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(forms); i++) {
        size_t n = strlen(forms[i].prefix);
        if (strlen(path) >= n && text_ieq(path, n, forms[i].prefix, n)) {
            const char *rest = path + n;
            while (*rest == '\\' || *rest == '/')
                rest++;
            *item = rest;
            return forms[i].d;
        }
    }
    *item = path;
    return SD_NONE;
}

const char *sdrive_item_name(val item)
{
    for (uint32_t i = 0; i < val_obj_len(item); i++)
        if (!strcmp(val_obj_name_at(item, i), "Name"))
            return val_str(val_obj_value_at(item, i));
    return "";
}

static int by_name(const void *a, const void *b)
{
    const char *x = sdrive_item_name(*(const val *)a), *y = sdrive_item_name(*(const val *)b);
    return text_icmp(x, strlen(x), y, strlen(y));
}

/* The environment as DictionaryEntry objects. */
static val env_items(void)
{
    val a = val_arr_new();
    for (char **ep = environ; ep && *ep; ep++) {
        const char *eq = strchr(*ep, '=');
        if (!eq || eq == *ep)
            continue;
        val e = val_obj_new("System.Collections.DictionaryEntry");
        e = val_obj_set(e, "Name", val_str_n(*ep, (size_t)(eq - *ep)));
        e = val_obj_set(e, "Key", val_str_n(*ep, (size_t)(eq - *ep)));
        e = val_obj_set(e, "Value", val_str_new(eq + 1));
        a = val_arr_push(a, e);
    }
    return a;
}

val sdrive_items(struct cmd_ctx *c, enum sdrive d, const char *item, bool literal)
{
    enum sess_rc rc = SESS_OK;
    session_cmdlet_views();
    val all = d == SD_ENV        ? env_items()
              : d == SD_VARIABLE ? cmd_var_list(c, NULL, &rc)
              : d == SD_FUNCTION ? cmd_functions(c)
                                 : cmd_alias_list(c, NULL, &rc);
    bool wild = !literal && wc_has_wildcards(item, strlen(item));
    struct buf name = BUF_INIT;
    if (!wild && !literal)
        wc_unescape(item, strlen(item), &name);
    else
        buf_puts(&name, item);
    uint32_t n = val_arr_len(all);
    val *v = emsh_xmalloc((n ? n : 1) * sizeof *v);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        val x = val_arr_get(all, i);
        const char *nm = sdrive_item_name(x);
        bool keep = !*item || (wild ? wc_match(item, strlen(item), nm, strlen(nm), WC_NONE) == 1
                                    : text_ieq(nm, strlen(nm), name.s, name.len));
        if (keep)
            v[k++] = x;
        else
            val_free(x);
    }
    buf_release(&name);
    val_free(all);
    if (k > 1)
        qsort(v, k, sizeof *v, by_name);
    val out = val_arr_new();
    for (uint32_t i = 0; i < k; i++)
        out = val_arr_push(out, v[i]);
    free(v);
    return out;
}

enum ev sdrive_not_found(struct cmd_ctx *c, const char *item)
{
    struct buf m = BUF_INIT;
    buf_printf(&m, "Cannot find path '%s' because it does not exist.", item);
    val t = val_str_new(item);
    enum ev rc = cmd_error(c, "PathNotFound", "ObjectNotFound", "System.Management.Automation.ItemNotFoundException",
                           t, buf_cstr(&m));
    val_free(t);
    buf_release(&m);
    return rc;
}

/* The error of an item that may not be removed (msg consumed). */
static enum ev not_removable(struct cmd_ctx *c, const char *id, const char *name, struct buf *msg)
{
    val t = val_str_new(name);
    enum ev rc = cmd_error(c, id, "WriteError", E_SSUAE, t, buf_cstr(msg));
    val_free(t);
    buf_release(msg);
    return rc;
}

enum ev sdrive_remove(struct cmd_ctx *c, enum sdrive d, const char *name, bool force)
{
    enum sess_rc rc = SESS_NOT_FOUND;
    struct buf m = BUF_INIT;
    switch (d) {
    case SD_ENV:
        unsetenv(name);
        return EV_OK;
    case SD_VARIABLE:
        /* where it lives: the nearest scope that has it */
        for (int up = 0; rc == SESS_NOT_FOUND; up++) {
            char scope[16];
            snprintf(scope, sizeof scope, "%d", up);
            rc = cmd_var_remove(c, scope, name, force);
        }
        if (rc == SESS_NOT_REMOVABLE) {
            buf_printf(&m, "Cannot remove variable %s because it is constant or read-only. If the variable is "
                           "read-only, try the operation again specifying the Force option.", name);
            return not_removable(c, "VariableNotRemovable", name, &m);
        }
        break;
    case SD_FUNCTION:
        rc = cmd_command_remove(c, false, name, force);
        if (rc == SESS_NOT_REMOVABLE) {
            buf_printf(&m, "Function %s cannot be removed because it is constant.", name);
            return not_removable(c, "FunctionNotRemovable", name, &m);
        }
        break;
    case SD_ALIAS:
        rc = cmd_command_remove(c, true, name, force);
        if (rc == SESS_NOT_REMOVABLE) {
            buf_printf(&m, "Alias was not removed because alias %s is constant or read-only.", name);
            return not_removable(c, "AliasNotRemovable", name, &m);
        }
        break;
    case SD_NONE:
        break;
    }
    return rc == SESS_OK ? EV_OK : sdrive_not_found(c, name);
}

/* A PSArgumentException of the provider (non-terminating). */
static enum ev argument_error(struct cmd_ctx *c, const char *id, const char *name, struct buf *msg)
{
    val t = val_str_new(name);
    enum ev rc = cmd_error(c, id, "InvalidArgument", "System.Management.Automation.PSArgumentException", t,
                           buf_cstr(msg));
    val_free(t);
    buf_release(msg);
    return rc;
}

/* Defines function `name` from script text, in the caller's scope, as `function name { text }` does. */
static enum ev define_function(struct cmd_ctx *c, const char *name, const char *text)
{
    struct buf src = BUF_INIT;
    buf_printf(&src, "function %s {%s}", name, text);
    val sb;
    enum ev rc = cmd_parse_script(c, NULL, src.s, src.len, &sb);
    buf_release(&src);
    if (rc)
        return rc;
    rc = cmd_run_block(c, sb, val_nothing(), NULL, 0, false);
    val_free(sb);
    return rc;
}

/*
** Sets item `name` of drive d, creating it: an environment variable or an
** alias to `text` (the value as a string), a variable to v, a function to
** the script text. Writes the error of an item that is read-only or
** constant (without force).
*/
static enum ev set_item(struct cmd_ctx *c, enum sdrive d, const char *name, val v, const char *text, bool force)
{
    enum sess_rc sr = SESS_OK;
    switch (d) {
    case SD_ENV:
        setenv(name, text, 1);
        break;
    case SD_VARIABLE:
        sr = cmd_var_set(c, NULL, name, v, NULL, -1, force ? SESS_FORCE : 0, NULL);
        break;
    case SD_ALIAS:
        sr = cmd_alias_set(c, NULL, name, text, NULL, -1, force ? SESS_FORCE : 0, NULL);
        break;
    case SD_FUNCTION:
        return define_function(c, name, text);
    case SD_NONE:
        break;
    }
    if (sr == SESS_OK)
        return EV_OK;
    struct buf m = BUF_INIT;
    buf_printf(&m, "Cannot overwrite %s %s because it is read-only or constant.", d == SD_ALIAS ? "alias" : "variable",
               name);
    val t = val_str_new(name);
    enum ev rc = cmd_error(c, d == SD_ALIAS ? "AliasNotWritable" : "VariableNotWritable", "WriteError", E_SSUAE, t,
                           buf_cstr(&m));
    val_free(t);
    buf_release(&m);
    return rc;
}

enum ev sdrive_new(struct cmd_ctx *c, enum sdrive d, const char *name, const char *type, val value, bool force)
{
    struct buf m = BUF_INIT;
    if (!*name) {
        buf_puts(&m, "Cannot process argument because the value of argument \"path\" is not valid. "
                     "Change the value of the \"path\" argument and run the operation again.");
        return argument_error(c, "NewItemNullPath", name, &m);
    }
    if (val_is_null(value) || val_kind(value) == VAL_NOTHING) {
        val t = val_str_new(name);
        enum ev rc = cmd_error(c, "NewItemValueNotSpecified", "InvalidArgument", "System.ArgumentNullException", t,
                               "Cannot process argument because the value of argument \"value\" is null. "
                               "Change the value of argument \"value\" to a non-null value.");
        val_free(t);
        return rc;
    }
    val existing = sdrive_items(c, d, name, true);
    bool exists = val_arr_len(existing) > 0;
    val_free(existing);
    if (exists && !force) {
        buf_printf(&m, "The item at path '%s' already exists.", name);
        return argument_error(c, "NewItemAlreadyExists", name, &m);
    }
    /* the text the item takes: a DictionaryEntry gives its value, a FunctionInfo its script block */
    val v = val_copy(value);
    if (val_kind(v) == VAL_OBJECT && val_obj_has(v, d == SD_FUNCTION ? "ScriptBlock" : "Value") &&
        (d == SD_FUNCTION || (d == SD_ENV && val_obj_ntypes(v) &&
                              !strcmp(val_obj_type_at(v, 0), "System.Collections.DictionaryEntry")))) {
        val inner = val_obj_get(v, d == SD_FUNCTION ? "ScriptBlock" : "Value");
        val_free(v);
        v = inner;
    }
    if (d == SD_FUNCTION && val_kind(v) != VAL_SCRIPTBLOCK && val_kind(v) != VAL_STRING) {
        val_free(v);
        buf_puts(&m, "Cannot process argument because the value of argument \"value\" is not valid. "
                     "Change the value of the \"value\" argument and run the operation again.");
        return argument_error(c, "Argument", name, &m);
    }
    struct buf text = BUF_INIT;
    conv_str(v, &text);
    buf_printf(&m, "Item: %s Type: %s Value: %s", name, type ? type : "", buf_cstr(&text));
    bool yes = true;
    enum ev rc = cmd_should_process(c, buf_cstr(&m), "New Item", &yes);
    buf_release(&m);
    if (!rc && yes && !(rc = set_item(c, d, name, v, buf_cstr(&text), force))) {
        val items = sdrive_items(c, d, name, true);
        for (uint32_t i = 0; i < val_arr_len(items) && !rc; i++)
            rc = cmd_write(c, val_copy(val_arr_items(items)[i]));
        val_free(items);
    }
    buf_release(&text);
    val_free(v);
    return rc;
}

const char *sdrive_name(enum sdrive d)
{
    static const char *const names[] = {"", "Env", "Variable", "Function", "Alias"};
    return names[d];
}

const char *sdrive_provider(enum sdrive d)
{
    static const char *const names[] = {"", "Environment", "Variable", "Function", "Alias"};
    return names[d];
}

val sdrive_value(enum sdrive d, val item)
{
    const char *member = d == SD_FUNCTION ? "ScriptBlock" : d == SD_ALIAS ? "Definition" : "Value";
    return val_obj_get(item, member);
}

enum ev sdrive_set(struct cmd_ctx *c, enum sdrive d, const char *name, val value)
{
    if (d == SD_ENV && val_is_null(value)) {
        unsetenv(name); /* an environment variable set to nothing is gone */
        return EV_OK;
    }
    if (d == SD_FUNCTION && val_kind(value) != VAL_SCRIPTBLOCK && val_kind(value) != VAL_STRING) {
        struct buf m = BUF_INIT;
        buf_puts(&m, "Cannot process argument because the value of argument \"value\" is not valid. "
                     "Change the value of the \"value\" argument and run the operation again.");
        return argument_error(c, "Argument", name, &m);
    }
    struct buf text = BUF_INIT;
    conv_str(value, &text);
    enum ev rc = set_item(c, d, name, value, buf_cstr(&text), false);
    buf_release(&text);
    return rc;
}
