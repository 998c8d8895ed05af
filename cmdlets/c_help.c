/*
** c_help.c - Get-Command and Get-Help: what the session's commands are and
** how to use them.
**
** Both work on one description of a command, a "model" object built either
** from a cmdlet's metadata (cmdlets/meta/<Name>.json: synopsis,
** description, parameter sets, parameters, examples) or from a function of
** the session (its param block and its comment-based help, parsed as
** PowerShell's HelpCommentsParser does: .SYNOPSIS, .DESCRIPTION,
** .PARAMETER, .EXAMPLE, .INPUTS, .OUTPUTS, .NOTES, .LINK ...). From the
** model come the syntax lines, in the two notations PowerShell has
** (Get-Command -Syntax: `<string[]>`; Get-Help: `<String[]>` and enums as
** `{A | B}`), and the help views (default, -Detailed, -Full, -Examples,
** -Parameter) laid out as Windows PowerShell 5.1's help formatting shows
** MamlCommandHelpInfo objects.
**
** Get-Help writes a help object (type MamlCommandHelpInfo#<View>) whose
** string form is the rendered text: the console prints it as it is.
*/
#include "registry.h"
#include "conv.h"
#include "format.h"
#include "text.h"
#include "types.h"
#include "wildcard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The views of PSVariable, CommandInfo and HistoryInfo (c_session.c). */
void session_cmdlet_views(void);

/* A help object shows as its text. */
static void help_text(val obj, struct buf *out)
{
    val t = val_obj_get(obj, "\x01ToString");
    buf_add(out, val_str(t), val_str_len(t));
    val_free(t);
}

static const char *const help_types[] = {"MamlCommandHelpInfo", "HelpInfo",
                                         "MamlCommandHelpInfo#parameter", NULL};
static const char *const help_short_types[] = {"HelpInfoShort", NULL};
static const struct fmt_column help_short_columns[] = {
    {NULL, "Name", NULL, NULL, 33, FMT_ALIGN_UNDEFINED},
    {NULL, "Category", NULL, NULL, 9, FMT_ALIGN_UNDEFINED},
    {NULL, "Module", NULL, NULL, 25, FMT_ALIGN_UNDEFINED},
    {NULL, "Synopsis", NULL, NULL, 0, FMT_ALIGN_UNDEFINED},
};
static const struct fmt_view help_views[] = {
    {.name = "MamlCommandHelpInfo", .types = help_types, .shape = FMT_SHAPE_CUSTOM,
     .text = help_text},
    {.name = "HelpInfoShort", .types = help_short_types, .shape = FMT_SHAPE_TABLE,
     .columns = help_short_columns, .ncolumns = 4},
};

static void help_cmdlet_views(void)
{
    static bool done;
    session_cmdlet_views();
    if (done)
        return;
    done = true;
    for (size_t i = 0; i < sizeof help_views / sizeof help_views[0]; i++)
        fmt_register_view(&help_views[i]);
}

/*
** {==================================================================
** Small helpers
** ===================================================================
*/

static val strs_arg(struct cmd_ctx *c, uint16_t i)
{
    val v = cmd_arg(c, i);
    if (val_kind(v) == VAL_ARRAY)
        return val_copy(v);
    val a = val_arr_new();
    if (!val_is_null(v))
        a = val_arr_push(a, val_copy(v));
    return a;
}

static bool ieq(const char *a, const char *b)
{
    return text_ieq(a, strlen(a), b, strlen(b));
}

static bool wc_is_match(const char *pat, const char *s)
{
    return wc_match(pat, strlen(pat), s, strlen(s), WC_NONE) == 1;
}

static bool matches_any(const char *s, val patterns)
{
    for (uint32_t i = 0; i < val_arr_len(patterns); i++) {
        val p = val_arr_items(patterns)[i];
        struct buf b = BUF_INIT;
        conv_str(p, &b);
        bool m = wc_is_match(buf_cstr(&b), s);
        buf_release(&b);
        if (m)
            return true;
    }
    return false;
}

/* A property as a string (borrowed from the object); "" when absent or not a string. */
static const char *pstr(val o, const char *name)
{
    val v = val_obj_get(o, name);
    const char *s = val_kind(v) == VAL_STRING ? val_str(v) : "";
    val_free(v);
    return s;
}

static bool pbool(val o, const char *name)
{
    val v = val_obj_get(o, name);
    bool b = conv_truthy(v);
    val_free(v);
    return b;
}

static int64_t pint(val o, const char *name)
{
    val v = val_obj_get(o, name);
    int64_t n = 0;
    if (!conv_to_int64(v, &n, NULL))
        n = 0;
    val_free(v);
    return n;
}

/* A property (borrowed view: the object keeps it). */
static val pget(val o, const char *name)
{
    val v = val_obj_get(o, name);
    val_free(v);
    return v;
}

static val strs(const char *const *v)
{
    val a = val_arr_new();
    for (; v && *v; v++)
        a = val_arr_push(a, val_str_new(*v));
    return a;
}

/* Trims white space at both ends of s[0..n) into out. */
static val trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return val_str_n(s, n);
}

/* }================================================================== */

/*
** {==================================================================
** The model of a command
** ===================================================================
**
** Name, Category (Cmdlet, Function, Filter), Module, Synopsis,
** Description, Notes, Inputs, Outputs, Links (arrays of strings), Examples
** (array of {Title, Prompt, Code, Remarks}), Common (has the common
** parameters), ShouldProcess, Cmdlet (help from metadata, else comment
** help), HasHelp (a comment help block was found), Params (array of
** {Name, Type, Switch, Values, Help, Default, Wildcard, Aliases, Required,
** Position, ByValue, ByPropertyName}), Sets (array of {Name, IsDefault,
** Params: array of {Index, Mandatory, Position, ByValue, ByPropertyName}},
** the default set first).
*/

static val new_entry(uint32_t index, bool mandatory, int position, bool by_value, bool by_name)
{
    val e = val_obj_new("emsh.HelpSetEntry");
    e = val_obj_set(e, "Index", val_int((int32_t)index));
    e = val_obj_set(e, "Mandatory", val_bool(mandatory));
    e = val_obj_set(e, "Position", val_int(position));
    e = val_obj_set(e, "ByValue", val_bool(by_value));
    e = val_obj_set(e, "ByPropertyName", val_bool(by_name));
    return e;
}

/* The module a cmdlet of the table belongs to, and its version. */
static void cmdlet_module(const struct cmd_meta *m, const char **module, const char **version)
{
    static const char *const core[] = {
        "ForEach-Object", "Where-Object", "Get-Command", "Get-Help", "Get-History",
        "Add-History", "Clear-History", "Invoke-History", "Invoke-Command", "Get-Module",
        "Import-Module", "Remove-Module", "New-Module", "Out-Default", "Out-Host", "Out-Null",
        "Enter-PSSession", "Exit-PSSession", "New-PSSession", "Get-PSSession", "Remove-PSSession",
        "Get-Job", "Start-Job", "Wait-Job", "Receive-Job", "Remove-Job", "Stop-Job",
        "Set-StrictMode", "Get-PSSnapin", "Add-PSSnapin", "Remove-PSSnapin", "Update-Help",
        "Save-Help", "Export-ModuleMember", "Set-PSDebug", "New-ModuleManifest",
        "Test-ModuleManifest", "Register-ArgumentCompleter", NULL};
    static const char *const management_nouns[] = {
        "Content", "Item", "ChildItem", "ItemProperty", "ItemPropertyValue", "Location", "Path",
        "Process", "Service", "PSDrive", "PSProvider", "Computer", "ComputerInfo", "TimeZone",
        "EventLog", "HotFix", "WmiObject", "Connection", "Clipboard", "Transaction", NULL};
    static const char *const security[] = {
        "Get-Acl", "Set-Acl", "ConvertTo-SecureString", "ConvertFrom-SecureString",
        "Get-Credential", "Get-ExecutionPolicy", "Set-ExecutionPolicy",
        "Get-AuthenticodeSignature", "Set-AuthenticodeSignature", "Get-PfxCertificate", NULL};
    if (m->flags & CF_BACKEND) {
        *module = "Microsoft.Exchange.Management.PowerShell.SnapIn";
        *version = "";
        return;
    }
    for (size_t i = 0; core[i]; i++)
        if (ieq(core[i], m->name)) {
            *module = "Microsoft.PowerShell.Core", *version = "3.0.0.0";
            return;
        }
    for (size_t i = 0; security[i]; i++)
        if (ieq(security[i], m->name)) {
            *module = "Microsoft.PowerShell.Security", *version = "3.0.0.0";
            return;
        }
    if (ieq(m->noun, "Transcript")) {
        *module = "Microsoft.PowerShell.Host", *version = "3.0.0.0";
        return;
    }
    for (size_t i = 0; management_nouns[i]; i++)
        if (ieq(management_nouns[i], m->noun)) {
            *module = "Microsoft.PowerShell.Management", *version = "3.1.0.0";
            return;
        }
    *module = "Microsoft.PowerShell.Utility", *version = "3.1.0.0";
}

/* Commands of the table that Windows PowerShell 5.1 has as functions. */
static bool is_function_in_ps(const char *name)
{
    return ieq(name, "Clear-Host");
}

/* Does parameter p belong to set s, and with which entry? */
static const struct param_set_entry *entry_for(const struct param_meta *p, uint8_t s)
{
    static const struct param_set_entry all = {PSET_ALL, false, -1, PIPE_NONE, false};
    if (!p->nsets)
        return &all;
    const struct param_set_entry *any = NULL;
    for (uint8_t i = 0; i < p->nsets; i++) {
        if (p->sets[i].set == s)
            return &p->sets[i];
        if (p->sets[i].set == PSET_ALL)
            any = &p->sets[i];
    }
    return any;
}

/* The full .NET name of a documented type name, for INPUTS and OUTPUTS. */
static val full_type_name(const char *t)
{
    size_t n = strlen(t);
    bool arr = n > 2 && !strcmp(t + n - 2, "[]");
    uint16_t id = type_lookup(t, arr ? n - 2 : n);
    if (id && type_get(id))
        return val_str_printf("%s%s", type_get(id)->name, arr ? "[]" : "");
    return val_str_new(t);
}

static val model_from_cmdlet(const struct cmd_meta *m)
{
    val o = val_obj_new("emsh.HelpModel");
    const char *module, *version;
    cmdlet_module(m, &module, &version);
    bool fn = is_function_in_ps(m->name);
    o = val_obj_set(o, "Name", val_str_new(m->name));
    o = val_obj_set(o, "Category", val_str_new(fn ? "Function" : "Cmdlet"));
    o = val_obj_set(o, "Module", val_str_new(fn ? "" : module));
    o = val_obj_set(o, "Synopsis", val_str_new(m->synopsis ? m->synopsis : ""));
    o = val_obj_set(o, "Description", val_str_new(m->description ? m->description : ""));
    o = val_obj_set(o, "Notes", val_str_new(""));
    o = val_obj_set(o, "Cmdlet", val_bool(true));
    o = val_obj_set(o, "HasHelp", val_bool(true));
    o = val_obj_set(o, "Common", val_bool(!fn));
    o = val_obj_set(o, "ShouldProcess", val_bool((m->flags & CF_SHOULD_PROCESS) != 0));
    val params = val_arr_new(), inputs = val_arr_new();
    for (uint16_t i = 0; i < m->nparams; i++) {
        const struct param_meta *p = &m->params[i];
        val pm = val_obj_new("emsh.HelpParam");
        pm = val_obj_set(pm, "Name", val_str_new(p->name));
        pm = val_obj_set(pm, "Type", val_str_new(p->type_name ? p->type_name : "Object"));
        pm = val_obj_set(pm, "Switch", val_bool((p->flags & PF_SWITCH) != 0));
        pm = val_obj_set(pm, "Values", p->valid_values ? strs(p->valid_values) : val_null());
        pm = val_obj_set(pm, "IsEnum", val_bool((p->flags & PF_ENUM) != 0));
        pm = val_obj_set(pm, "Help", val_str_new(p->help ? p->help : ""));
        pm = val_obj_set(pm, "Default", val_str_new(p->default_text ? p->default_text
                                                    : (p->flags & PF_SWITCH) ? "False"
                                                                             : "None"));
        pm = val_obj_set(pm, "Wildcard", val_bool((p->flags & PF_WILDCARD) != 0));
        pm = val_obj_set(pm, "Aliases", strs(p->aliases));
        /* the attributes the help shows: those of the first set the parameter is in */
        const struct param_set_entry *e = NULL;
        bool by_value = false, by_name = false;
        for (uint8_t s = 0; s < m->nsets; s++) {
            const struct param_set_entry *x = entry_for(p, s);
            if (!x)
                continue;
            if (!e)
                e = x;
            by_value |= (x->pipeline & PIPE_BY_VALUE) != 0;
            by_name |= (x->pipeline & PIPE_BY_NAME) != 0;
        }
        pm = val_obj_set(pm, "Required", val_bool(e && e->mandatory));
        pm = val_obj_set(pm, "Position", val_int(e ? e->position : -1));
        pm = val_obj_set(pm, "ByValue", val_bool(by_value));
        pm = val_obj_set(pm, "ByPropertyName", val_bool(by_name));
        params = val_arr_push(params, pm);
        if (by_value) {
            val t = full_type_name(p->type_name ? p->type_name : "Object");
            bool dup = false;
            for (uint32_t k = 0; k < val_arr_len(inputs); k++)
                if (ieq(val_str(val_arr_items(inputs)[k]), val_str(t)))
                    dup = true;
            if (dup)
                val_free(t);
            else
                inputs = val_arr_push(inputs, t);
        }
    }
    o = val_obj_set(o, "Params", params);
    if (!val_arr_len(inputs))
        inputs = val_arr_push(inputs, val_str_new("None"));
    o = val_obj_set(o, "Inputs", inputs);
    val outputs = val_arr_new();
    outputs = val_arr_push(outputs, val_str_new(m->output_type && *m->output_type ? m->output_type
                                                                                 : "None"));
    o = val_obj_set(o, "Outputs", outputs);
    o = val_obj_set(o, "Links", val_arr_new());
    val sets = val_arr_new();
    for (int pass = 0; pass < 2; pass++) {
        for (uint8_t s = 0; s < m->nsets; s++) {
            bool is_default = s == m->default_set || (m->nsets == 1);
            if (is_default != (pass == 0))
                continue;
            val so = val_obj_new("emsh.HelpSet");
            so = val_obj_set(so, "Name", val_str_new(m->sets[s]));
            so = val_obj_set(so, "IsDefault", val_bool(is_default));
            val sp = val_arr_new();
            for (uint16_t i = 0; i < m->nparams; i++) {
                const struct param_set_entry *e = entry_for(&m->params[i], s);
                if (e)
                    sp = val_arr_push(sp, new_entry(i, e->mandatory, e->position,
                                                    (e->pipeline & PIPE_BY_VALUE) != 0,
                                                    (e->pipeline & PIPE_BY_NAME) != 0));
            }
            so = val_obj_set(so, "Params", sp);
            sets = val_arr_push(sets, so);
        }
    }
    o = val_obj_set(o, "Sets", sets);
    val ex = val_arr_new();
    for (uint8_t i = 0; i < m->nexamples; i++) {
        const struct cmd_example *x = &m->examples[i];
        val e = val_obj_new("emsh.HelpExample");
        e = val_obj_set(e, "Title", val_str_new(x->title ? x->title : ""));
        e = val_obj_set(e, "Prompt", val_str_new("PS C:\\>"));
        e = val_obj_set(e, "Code", val_str_new(x->script ? x->script : ""));
        struct buf r = BUF_INIT;
        if (x->title && *x->title) {
            buf_puts(&r, x->title);
            if (r.len && r.s[r.len - 1] != '.')
                buf_putc(&r, '.');
        }
        if (x->output && *x->output) {
            if (r.len)
                buf_puts(&r, "\n\n");
            buf_puts(&r, x->output);
        }
        e = val_obj_set(e, "Remarks", val_str_buf(&r));
        ex = val_arr_push(ex, e);
    }
    o = val_obj_set(o, "Examples", ex);
    return o;
}

/* {=== comment-based help ===*/

struct comment_help {
    val synopsis, description, notes; /* strings, or VAL_NOTHING */
    val params;                       /* hashtable: upper-case name -> text */
    val examples, inputs, outputs, links;
    bool found;
};

/* Is the line a directive (`.NAME [argument]`)? *name and *arg get their spans. */
static bool directive(const char *line, size_t n, const char **name, size_t *nn, const char **arg,
                      size_t *an)
{
    size_t i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i >= n || line[i] != '.')
        return false;
    i++;
    size_t s = i;
    while (i < n && ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z') ||
                     (line[i] >= '0' && line[i] <= '9') || line[i] == '_'))
        i++;
    if (i == s)
        return false;
    *name = line + s;
    *nn = i - s;
    size_t e = n;
    while (e > i && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r'))
        e--;
    if (i < e && line[i] != ' ' && line[i] != '\t')
        return false; /* `.Name` followed by something that is not space */
    while (i < e && (line[i] == ' ' || line[i] == '\t'))
        i++;
    *arg = line + i;
    *an = e - i;
    return true;
}

static bool blank_line(val line)
{
    const char *s = val_str(line);
    for (size_t i = 0; i < val_str_len(line); i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* HelpCommentsParser.GetSection: the lines after i up to the next directive. */
static val get_section(val lines, uint32_t *i)
{
    bool capturing = false;
    size_t lead = 0;
    struct buf sb = BUF_INIT;
    uint32_t k;
    for (k = *i + 1; k < val_arr_len(lines); k++) {
        val line = val_arr_items(lines)[k];
        const char *s = val_str(line);
        size_t n = val_str_len(line);
        if (!capturing && blank_line(line))
            continue;
        const char *dn, *da;
        size_t dnn, dan;
        if (directive(s, n, &dn, &dnn, &da, &dan))
            break;
        if (!capturing) {
            size_t j = 0;
            while (j < n && (s[j] == ' ' || s[j] == '\t'))
                j++, lead++;
        }
        capturing = true;
        size_t start = 0;
        while (start < n && start < lead && (s[start] == ' ' || s[start] == '\t'))
            start++;
        size_t end = n;
        if (end > start && s[end - 1] == '\r')
            end--;
        buf_add(&sb, s + start, end - start);
        buf_putc(&sb, '\n');
    }
    *i = k - 1;
    return val_str_buf(&sb);
}

/* Splits the comment text into lines as HelpCommentsParser.CollectCommentText does. */
static val comment_lines(const char *text, size_t n)
{
    val lines = val_arr_new();
    if (n >= 4 && text[0] == '<' && text[1] == '#') {
        size_t start = 2, end = n >= 2 && text[n - 2] == '#' && text[n - 1] == '>' ? n - 2 : n;
        for (size_t i = 2; i < end; i++)
            if (text[i] == '\n') {
                size_t e = i > start && text[i - 1] == '\r' ? i - 1 : i;
                lines = val_arr_push(lines, val_str_n(text + start, e - start));
                start = i + 1;
            }
        lines = val_arr_push(lines, val_str_n(text + start, end - start));
        return lines;
    }
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && text[e] != '\n')
            e++;
        size_t s = i;
        while (s < e && (text[s] == ' ' || text[s] == '\t'))
            s++;
        while (s < e && text[s] == '#')
            s++;
        size_t le = e > s && text[e - 1] == '\r' ? e - 1 : e;
        lines = val_arr_push(lines, val_str_n(text + s, le - s));
        i = e + 1;
    }
    return lines;
}

/* HelpCommentsParser.AnalyzeCommentBlock. */
static void parse_comment_help(const char *text, size_t n, struct comment_help *h)
{
    h->synopsis = h->description = h->notes = val_nothing();
    h->params = val_hash_new(false);
    h->examples = val_arr_new();
    h->inputs = val_arr_new();
    h->outputs = val_arr_new();
    h->links = val_arr_new();
    h->found = false;
    if (!n)
        return;
    val lines = comment_lines(text, n);
    bool any = false, bad = false;
    for (uint32_t i = 0; i < val_arr_len(lines) && !bad; i++) {
        val line = val_arr_items(lines)[i];
        const char *dn, *da;
        size_t dnn, dan;
        if (!directive(val_str(line), val_str_len(line), &dn, &dnn, &da, &dan)) {
            if (!blank_line(line))
                bad = true;
            continue;
        }
        any = true;
        char name[32];
        size_t k;
        for (k = 0; k < dnn && k < sizeof name - 1; k++)
            name[k] = (char)((dn[k] >= 'a' && dn[k] <= 'z') ? dn[k] - 32 : dn[k]);
        name[k] = '\0';
        if (dan) {
            if (!strcmp(name, "PARAMETER")) {
                struct buf up = BUF_INIT;
                for (size_t j = 0; j < dan; j++)
                    buf_putc(&up, (char)((da[j] >= 'a' && da[j] <= 'z') ? da[j] - 32 : da[j]));
                val key = val_str_buf(&up);
                val sec = get_section(lines, &i);
                if (!val_hash_has(h->params, key))
                    h->params = val_hash_set(h->params, key, sec);
                else {
                    val_free(key);
                    val_free(sec);
                }
            } else if (strcmp(name, "FORWARDHELPTARGETNAME") && strcmp(name, "FORWARDHELPCATEGORY") &&
                       strcmp(name, "REMOTEHELPRUNSPACE") && strcmp(name, "EXTERNALHELP")) {
                bad = true;
            }
            continue;
        }
        val *slot = NULL, *list = NULL;
        if (!strcmp(name, "SYNOPSIS"))
            slot = &h->synopsis;
        else if (!strcmp(name, "DESCRIPTION"))
            slot = &h->description;
        else if (!strcmp(name, "NOTES"))
            slot = &h->notes;
        else if (!strcmp(name, "EXAMPLE"))
            list = &h->examples;
        else if (!strcmp(name, "INPUTS"))
            list = &h->inputs;
        else if (!strcmp(name, "OUTPUTS"))
            list = &h->outputs;
        else if (!strcmp(name, "LINK"))
            list = &h->links;
        else if (strcmp(name, "COMPONENT") && strcmp(name, "ROLE") && strcmp(name, "FUNCTIONALITY")) {
            bad = true;
            continue;
        }
        val sec = get_section(lines, &i);
        if (slot) {
            val_free(*slot);
            *slot = sec;
        } else if (list) {
            if (list == &h->links) {
                val t = trimmed(val_str(sec), val_str_len(sec));
                val_free(sec);
                sec = t;
            }
            *list = val_arr_push(*list, sec);
        } else {
            val_free(sec);
        }
    }
    val_free(lines);
    h->found = any && !bad;
}

static void comment_help_release(struct comment_help *h)
{
    val_free(h->synopsis);
    val_free(h->description);
    val_free(h->notes);
    val_free(h->params);
    val_free(h->examples);
    val_free(h->inputs);
    val_free(h->outputs);
    val_free(h->links);
}

/* HelpCommentsParser.GetExampleSections: prompt, code and remarks of an example. */
static val example_from(val text)
{
    const char *s = val_str(text);
    size_t n = val_str_len(text), i = 0;
    val e = val_obj_new("emsh.HelpExample");
    e = val_obj_set(e, "Title", val_str_new(""));
    size_t nl = 0;
    while (nl < n && s[nl] != '\n')
        nl++;
    const char *gt = memchr(s, '>', nl);
    if (gt) {
        e = val_obj_set(e, "Prompt", trimmed(s, (size_t)(gt - s) + 1));
        i = (size_t)(gt - s) + 1;
    } else {
        e = val_obj_set(e, "Prompt", val_str_new("PS C:\\>"));
    }
    size_t ce = i;
    while (ce < n && s[ce] != '\n')
        ce++;
    e = val_obj_set(e, "Code", trimmed(s + i, ce - i));
    e = val_obj_set(e, "Remarks", ce < n ? trimmed(s + ce + 1, n - ce - 1) : val_str_new(""));
    return e;
}

/* }=== */

static val model_from_function(val fi)
{
    val o = val_obj_new("emsh.HelpModel");
    const char *name = pstr(fi, "Name");
    val ct = val_obj_get(fi, "CommandType");
    struct buf cts = BUF_INIT;
    conv_str(ct, &cts);
    val_free(ct);
    o = val_obj_set(o, "Name", val_str_new(name));
    o = val_obj_set(o, "Category", val_str_buf(&cts));
    o = val_obj_set(o, "Module", val_str_new(""));
    bool advanced = pbool(fi, "\x01" "Advanced");
    o = val_obj_set(o, "Common", val_bool(advanced));
    o = val_obj_set(o, "ShouldProcess", val_bool(pbool(fi, "\x01ShouldProcess")));
    o = val_obj_set(o, "Cmdlet", val_bool(false));
    struct comment_help h;
    val text = val_obj_get(fi, "\x01Help");
    parse_comment_help(val_str(text), val_str_len(text), &h);
    val_free(text);
    o = val_obj_set(o, "HasHelp", val_bool(h.found));
    o = val_obj_set(o, "Synopsis", val_kind(h.synopsis) == VAL_STRING
                                       ? trimmed(val_str(h.synopsis), val_str_len(h.synopsis))
                                       : val_str_new(""));
    o = val_obj_set(o, "Description", val_kind(h.description) == VAL_STRING
                                          ? trimmed(val_str(h.description), val_str_len(h.description))
                                          : val_str_new(""));
    o = val_obj_set(o, "Notes", val_kind(h.notes) == VAL_STRING
                                    ? trimmed(val_str(h.notes), val_str_len(h.notes))
                                    : val_str_new(""));
    val inputs = val_arr_new(), outputs = val_arr_new();
    for (uint32_t i = 0; i < val_arr_len(h.inputs); i++)
        inputs = val_arr_push(inputs, trimmed(val_str(val_arr_items(h.inputs)[i]),
                                              val_str_len(val_arr_items(h.inputs)[i])));
    for (uint32_t i = 0; i < val_arr_len(h.outputs); i++)
        outputs = val_arr_push(outputs, trimmed(val_str(val_arr_items(h.outputs)[i]),
                                                val_str_len(val_arr_items(h.outputs)[i])));
    o = val_obj_set(o, "Inputs", inputs);
    o = val_obj_set(o, "Outputs", outputs);
    o = val_obj_set(o, "Links", val_copy(h.links));
    val ex = val_arr_new();
    for (uint32_t i = 0; i < val_arr_len(h.examples); i++)
        ex = val_arr_push(ex, example_from(val_arr_items(h.examples)[i]));
    o = val_obj_set(o, "Examples", ex);
    /* parameters, with the descriptions of the comment help */
    val fparams = pget(fi, "\x01Params");
    val params = val_arr_new();
    for (uint32_t i = 0; i < val_arr_len(fparams); i++) {
        val fp = val_arr_items(fparams)[i];
        val pm = val_obj_new("emsh.HelpParam");
        const char *pn = pstr(fp, "Name");
        pm = val_obj_set(pm, "Name", val_str_new(pn));
        pm = val_obj_set(pm, "Type", val_str_new(pstr(fp, "Type")));
        pm = val_obj_set(pm, "Switch", val_bool(pbool(fp, "Switch")));
        pm = val_obj_set(pm, "Values", val_copy(pget(fp, "Values")));
        struct buf up = BUF_INIT;
        for (const char *p = pn; *p; p++)
            buf_putc(&up, (char)((*p >= 'a' && *p <= 'z') ? *p - 32 : *p));
        val d = val_hash_get(h.params, val_str_buf(&up));
        pm = val_obj_set(pm, "Help", val_kind(d) == VAL_STRING ? trimmed(val_str(d), val_str_len(d))
                                                                : val_str_new(""));
        val_free(d);
        val dflt = pget(fp, "Default");
        pm = val_obj_set(pm, "Default", val_kind(dflt) == VAL_STRING ? val_copy(dflt) : val_str_new(""));
        pm = val_obj_set(pm, "Wildcard", val_bool(false));
        pm = val_obj_set(pm, "Aliases", val_copy(pget(fp, "Aliases")));
        val entries = pget(fp, "Entries");
        val e0 = val_arr_len(entries) ? val_arr_items(entries)[0] : val_null();
        for (uint32_t k = 0; k < val_arr_len(entries); k++)
            if (!*pstr(val_arr_items(entries)[k], "Set"))
                e0 = val_arr_items(entries)[k];
        pm = val_obj_set(pm, "Required", val_bool(val_kind(e0) == VAL_OBJECT && pbool(e0, "Mandatory")));
        pm = val_obj_set(pm, "Position", val_int(val_kind(e0) == VAL_OBJECT ? (int32_t)pint(e0, "Position") : -1));
        pm = val_obj_set(pm, "ByValue", val_bool(val_kind(e0) == VAL_OBJECT && pbool(e0, "ByValue")));
        pm = val_obj_set(pm, "ByPropertyName",
                         val_bool(val_kind(e0) == VAL_OBJECT && pbool(e0, "ByPropertyName")));
        params = val_arr_push(params, pm);
    }
    o = val_obj_set(o, "Params", params);
    /* sets: the named ones (default first), else one for all */
    val fsets = pget(fi, "\x01Sets");
    const char *dflt = pstr(fi, "\x01" "Default");
    val names = val_arr_new();
    for (uint32_t i = 0; i < val_arr_len(fsets); i++)
        if (ieq(val_str(val_arr_items(fsets)[i]), dflt))
            names = val_arr_push(names, val_arr_get(fsets, i));
    for (uint32_t i = 0; i < val_arr_len(fsets); i++)
        if (!ieq(val_str(val_arr_items(fsets)[i]), dflt))
            names = val_arr_push(names, val_arr_get(fsets, i));
    if (!val_arr_len(names))
        names = val_arr_push(names, val_str_new("__AllParameterSets"));
    val sets = val_arr_new();
    for (uint32_t s = 0; s < val_arr_len(names); s++) {
        const char *sn = val_str(val_arr_items(names)[s]);
        val so = val_obj_new("emsh.HelpSet");
        so = val_obj_set(so, "Name", val_str_new(sn));
        so = val_obj_set(so, "IsDefault", val_bool(s == 0));
        val sp = val_arr_new();
        for (uint32_t i = 0; i < val_arr_len(fparams); i++) {
            val entries = pget(val_arr_items(fparams)[i], "Entries");
            val hit = val_null();
            for (uint32_t k = 0; k < val_arr_len(entries); k++) {
                val e = val_arr_items(entries)[k];
                const char *es = pstr(e, "Set");
                if (ieq(es, sn) || (!*es && val_kind(hit) != VAL_OBJECT))
                    hit = e;
            }
            if (val_kind(hit) == VAL_OBJECT)
                sp = val_arr_push(sp, new_entry(i, pbool(hit, "Mandatory"), (int)pint(hit, "Position"),
                                                pbool(hit, "ByValue"), pbool(hit, "ByPropertyName")));
        }
        so = val_obj_set(so, "Params", sp);
        sets = val_arr_push(sets, so);
    }
    val_free(names);
    o = val_obj_set(o, "Sets", sets);
    comment_help_release(&h);
    return o;
}

/* }================================================================== */

/*
** {==================================================================
** Syntax
** ===================================================================
*/

/* How Get-Command -Syntax names a type (ToStringCodeMethods.Type with dropNamespaces). */
static void short_type_name(const char *t, struct buf *out)
{
    static const char *const acc[][2] = {
        {"String", "string"},       {"Int32", "int"},         {"Int", "int"},
        {"Int64", "long"},          {"Long", "long"},         {"Boolean", "bool"},
        {"Bool", "bool"},           {"Double", "double"},     {"Single", "float"},
        {"Decimal", "decimal"},     {"Byte", "byte"},         {"SByte", "sbyte"},
        {"Char", "char"},           {"DateTime", "datetime"}, {"TimeSpan", "timespan"},
        {"Guid", "guid"},           {"ScriptBlock", "scriptblock"},
        {"Hashtable", "hashtable"}, {"PSObject", "psobject"}, {"PSCredential", "pscredential"},
        {"Version", "version"},     {"Type", "type"},         {"Uri", "uri"},
        {"IPAddress", "ipaddress"}, {"Regex", "regex"},       {"XmlDocument", "xml"},
        {"Array", "array"},         {"PSVariable", "psvariable"},
        {"PSModuleInfo", "psmoduleinfo"}, {"BigInteger", "bigint"},
        {"SecureString", "securestring"}, {"CultureInfo", "cultureinfo"},
        {"MailAddress", "mailaddress"},   {"SwitchParameter", "switch"},
    };
    size_t n = strlen(t);
    size_t base = n;
    while (base >= 2 && !strncmp(t + base - 2, "[]", 2))
        base -= 2;
    const char *dot = NULL;
    for (const char *p = t; p < t + base; p++)
        if (*p == '.')
            dot = p;
    const char *name = dot ? dot + 1 : t;
    size_t nn = (size_t)(t + base - name);
    const char *shown = NULL;
    for (size_t i = 0; i < sizeof acc / sizeof acc[0]; i++)
        if (text_ieq(acc[i][0], strlen(acc[i][0]), name, nn))
            shown = acc[i][1];
    if (shown)
        buf_puts(out, shown);
    else
        buf_add(out, name, nn);
    buf_add(out, t + base, n - base);
}

/* The help notation of a parameter's value: <String[]>, or {A | B} for enums and sets. */
static void help_type_name(val p, struct buf *out)
{
    val values = pget(p, "Values");
    if (val_kind(values) == VAL_ARRAY && val_arr_len(values)) {
        buf_putc(out, '{');
        for (uint32_t i = 0; i < val_arr_len(values); i++) {
            if (i)
                buf_puts(out, " | ");
            buf_add(out, val_str(val_arr_items(values)[i]), val_str_len(val_arr_items(values)[i]));
        }
        buf_putc(out, '}');
        return;
    }
    buf_putc(out, '<');
    buf_puts(out, pstr(p, "Type"));
    buf_putc(out, '>');
}

static int cmp_entry_position(const void *a, const void *b)
{
    int64_t x = pint(*(const val *)a, "Position"), y = pint(*(const val *)b, "Position");
    return x < y ? -1 : x > y;
}

/*
** One parameter set as a syntax line: CommandParameterSetInfo's display
** order (positional by position, then the named mandatory, then the
** others; WhatIf and Confirm for ShouldProcess commands; the common
** parameters as [<CommonParameters>]). gcm: Get-Command's notation (type
** names as C# keywords), else Get-Help's (.NET names, enums as {A | B}).
*/
static void syntax_of_set(val model, val set, bool gcm, struct buf *out)
{
    val params = pget(model, "Params");
    val entries = pget(set, "Params");
    buf_puts(out, pstr(model, "Name"));
    val positional = val_arr_new(), mandatory = val_arr_new(), named = val_arr_new();
    for (uint32_t i = 0; i < val_arr_len(entries); i++) {
        val e = val_arr_items(entries)[i];
        if (pint(e, "Position") >= 0)
            positional = val_arr_push(positional, val_copy(e));
        else if (pbool(e, "Mandatory"))
            mandatory = val_arr_push(mandatory, val_copy(e));
        else
            named = val_arr_push(named, val_copy(e));
    }
    if (val_arr_len(positional) > 1)
        qsort((val *)val_arr_items(positional), val_arr_len(positional), sizeof(val),
              cmp_entry_position);
    val groups[3] = {positional, mandatory, named};
    for (int g = 0; g < 3; g++) {
        for (uint32_t i = 0; i < val_arr_len(groups[g]); i++) {
            val e = val_arr_items(groups[g])[i];
            val p = val_arr_items(params)[pint(e, "Index")];
            const char *pn = pstr(p, "Name");
            bool req = pbool(e, "Mandatory"), pos = pint(e, "Position") >= 0;
            buf_putc(out, ' ');
            if (pbool(p, "Switch")) {
                buf_printf(out, req ? "-%s" : "[-%s]", pn);
                continue;
            }
            struct buf t = BUF_INIT;
            if (gcm) {
                buf_putc(&t, '<');
                short_type_name(pstr(p, "Type"), &t);
                buf_putc(&t, '>');
            } else {
                help_type_name(p, &t);
            }
            if (req)
                buf_printf(out, pos ? "[-%s] %s" : "-%s %s", pn, buf_cstr(&t));
            else
                buf_printf(out, pos ? "[[-%s] %s]" : "[-%s %s]", pn, buf_cstr(&t));
            buf_release(&t);
        }
    }
    val_free(positional);
    val_free(mandatory);
    val_free(named);
    if (pbool(model, "ShouldProcess"))
        buf_puts(out, " [-WhatIf] [-Confirm]");
    /* comment-based help shows the common parameters of every function, as its help view does */
    if (pbool(model, "Common") || (!gcm && pbool(model, "HasHelp") && !pbool(model, "Cmdlet")))
        buf_puts(out, " [<CommonParameters>]");
}

/* Get-Command -Syntax of a cmdlet or function: each set on its own line, blank lines around. */
static val command_syntax(val model)
{
    struct buf b = BUF_INIT;
    val sets = pget(model, "Sets");
    for (uint32_t s = 0; s < val_arr_len(sets); s++) {
        buf_putc(&b, '\n');
        syntax_of_set(model, val_arr_items(sets)[s], true, &b);
        buf_putc(&b, '\n');
    }
    return val_str_buf(&b);
}

/* }================================================================== */

/*
** {==================================================================
** Get-Command
** ===================================================================
*/

enum {
    GCM_NAME, GCM_VERB, GCM_NOUN, GCM_MODULE, GCM_FULLY_QUALIFIED_MODULE, GCM_COMMAND_TYPE,
    GCM_TOTAL_COUNT, GCM_SYNTAX, GCM_SHOW_COMMAND_INFO, GCM_ARGUMENT_LIST, GCM_ALL,
    GCM_LIST_IMPORTED, GCM_PARAMETER_NAME, GCM_PARAMETER_TYPE
};

enum cmd_types {
    CT_ALIAS = 1, CT_FUNCTION = 2, CT_FILTER = 4, CT_CMDLET = 8, CT_EXTERNAL_SCRIPT = 16,
    CT_APPLICATION = 32, CT_SCRIPT = 64, CT_WORKFLOW = 128, CT_CONFIGURATION = 256, CT_ALL = 511
};

static uint16_t command_types_type(void)
{
    static const char *const names[] = {"Alias",  "Function",       "Filter",
                                        "Cmdlet", "ExternalScript", "Application",
                                        "Script", "Workflow",       "Configuration",
                                        "All"};
    static const int64_t values[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 511};
    const char *tn = "System.Management.Automation.CommandTypes";
    uint16_t id = type_lookup(tn, strlen(tn));
    if (id && type_get(id) && type_get(id)->kind == TK_ENUM)
        return id;
    return type_enum(tn, names, values, 10, true);
}

/* The CommandTypes bits of a -CommandType argument ("Alias, Function"). */
static unsigned command_types_arg(val v)
{
    static const char *const names[] = {"Alias",  "Function",       "Filter",
                                        "Cmdlet", "ExternalScript", "Application",
                                        "Script", "Workflow",       "Configuration",
                                        "All"};
    static const unsigned bits[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 511};
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    unsigned out = 0;
    const char *s = buf_cstr(&b);
    while (*s) {
        while (*s == ' ' || *s == ',')
            s++;
        const char *e = s;
        while (*e && *e != ',')
            e++;
        const char *t = e;
        while (t > s && t[-1] == ' ')
            t--;
        for (size_t k = 0; k < 10; k++)
            if (text_ieq(names[k], strlen(names[k]), s, (size_t)(t - s)))
                out |= bits[k];
        s = e;
    }
    buf_release(&b);
    return out;
}

/* The common parameters as ParameterMetadata lists them: name, type, alias (below). */
static const char *const common_params[11][3];

/* A CommandParameterInfo of a common parameter (named, optional, no pipeline input). */
static val common_param_info(const char *name, const char *type, const char *alias)
{
    val pi = val_obj_new("System.Management.Automation.CommandParameterInfo");
    pi = val_obj_set(pi, "Name", val_str_new(name));
    pi = val_obj_set(pi, "ParameterType", val_str_new(type));
    pi = val_obj_set(pi, "IsMandatory", val_bool(false));
    pi = val_obj_set(pi, "IsDynamic", val_bool(false));
    pi = val_obj_set(pi, "Position", val_int(INT32_MIN));
    pi = val_obj_set(pi, "ValueFromPipeline", val_bool(false));
    pi = val_obj_set(pi, "ValueFromPipelineByPropertyName", val_bool(false));
    pi = val_obj_set(pi, "ValueFromRemainingArguments", val_bool(false));
    pi = val_obj_set(pi, "Aliases", val_arr_push(val_arr_new(), val_str_new(alias)));
    return val_obj_set(pi, "\x01ToString", val_str_new(name));
}

static val parameter_set_infos(val model)
{
    val out = val_arr_new();
    val sets = pget(model, "Sets"), params = pget(model, "Params");
    for (uint32_t s = 0; s < val_arr_len(sets); s++) {
        val set = val_arr_items(sets)[s];
        val o = val_obj_new("System.Management.Automation.CommandParameterSetInfo");
        o = val_obj_set(o, "Name", val_str_new(pstr(set, "Name")));
        o = val_obj_set(o, "IsDefault", val_bool(pbool(set, "IsDefault")));
        val ps = val_arr_new(), entries = pget(set, "Params");
        for (uint32_t i = 0; i < val_arr_len(entries); i++) {
            val e = val_arr_items(entries)[i];
            val p = val_arr_items(params)[pint(e, "Index")];
            val pi = val_obj_new("System.Management.Automation.CommandParameterInfo");
            pi = val_obj_set(pi, "Name", val_str_new(pstr(p, "Name")));
            pi = val_obj_set(pi, "ParameterType", val_str_new(pstr(p, "Type")));
            pi = val_obj_set(pi, "IsMandatory", val_bool(pbool(e, "Mandatory")));
            pi = val_obj_set(pi, "IsDynamic", val_bool(false));
            int64_t pos = pint(e, "Position");
            pi = val_obj_set(pi, "Position", val_int(pos < 0 ? INT32_MIN : (int32_t)pos));
            pi = val_obj_set(pi, "ValueFromPipeline", val_bool(pbool(e, "ByValue")));
            pi = val_obj_set(pi, "ValueFromPipelineByPropertyName", val_bool(pbool(e, "ByPropertyName")));
            pi = val_obj_set(pi, "ValueFromRemainingArguments", val_bool(false));
            pi = val_obj_set(pi, "Aliases", val_copy(pget(p, "Aliases")));
            pi = val_obj_set(pi, "\x01ToString", val_str_new(pstr(p, "Name")));
            ps = val_arr_push(ps, pi);
        }
        /* a cmdlet's sets have the common parameters too, then WhatIf and Confirm */
        if (pbool(model, "Common")) {
            for (size_t i = 0; i < EMSH_ARRAY_SIZE(common_params); i++)
                ps = val_arr_push(ps, common_param_info(common_params[i][0], common_params[i][1], common_params[i][2]));
            if (pbool(model, "ShouldProcess")) {
                ps = val_arr_push(ps, common_param_info("WhatIf", "SwitchParameter", "wi"));
                ps = val_arr_push(ps, common_param_info("Confirm", "SwitchParameter", "cf"));
            }
        }
        o = val_obj_set(o, "Parameters", ps);
        struct buf line = BUF_INIT;
        syntax_of_set(model, set, true, &line);
        /* the set's ToString is its line without the command name */
        const char *sp = strchr(buf_cstr(&line), ' ');
        o = val_obj_set(o, "\x01ToString", val_str_new(sp ? sp + 1 : ""));
        buf_release(&line);
        out = val_arr_push(out, o);
    }
    return out;
}

static val should_process_params(void);

/* The common parameters as ParameterMetadata lists them: name, type, alias. */
static const char *const common_params[11][3] = {
    {"Verbose", "SwitchParameter", "vb"},           {"Debug", "SwitchParameter", "db"},
    {"ErrorAction", "ActionPreference", "ea"},       {"WarningAction", "ActionPreference", "wa"},
    {"InformationAction", "ActionPreference", "infa"}, {"ErrorVariable", "String", "ev"},
    {"WarningVariable", "String", "wv"},            {"InformationVariable", "String", "iv"},
    {"OutVariable", "String", "ov"},                {"OutBuffer", "Int32", "ob"},
    {"PipelineVariable", "String", "pv"},
};

static val parameters_table(val model)
{
    val h = val_hash_new(true);
    val params = val_arr_clone(pget(model, "Params"));
    if (pbool(model, "Common")) {
        for (size_t i = 0; i < sizeof common_params / sizeof common_params[0]; i++) {
            val p = val_obj_new("emsh.HelpParam");
            p = val_obj_set(p, "Name", val_str_new(common_params[i][0]));
            p = val_obj_set(p, "Type", val_str_new(common_params[i][1]));
            p = val_obj_set(p, "Switch", val_bool(!strcmp(common_params[i][1], "SwitchParameter")));
            p = val_obj_set(p, "Aliases", val_arr_push(val_arr_new(), val_str_new(common_params[i][2])));
            params = val_arr_push(params, p);
        }
        if (pbool(model, "ShouldProcess")) {
            val sp = should_process_params();
            for (uint32_t i = 0; i < val_arr_len(sp); i++)
                params = val_arr_push(params, val_arr_get(sp, 1 - i));
            val_free(sp);
        }
    }
    for (uint32_t i = 0; i < val_arr_len(params); i++) {
        val p = val_arr_items(params)[i];
        val o = val_obj_new("System.Management.Automation.ParameterMetadata");
        o = val_obj_set(o, "Name", val_str_new(pstr(p, "Name")));
        o = val_obj_set(o, "ParameterType", val_str_new(pstr(p, "Type")));
        o = val_obj_set(o, "Aliases", val_copy(pget(p, "Aliases")));
        o = val_obj_set(o, "IsDynamic", val_bool(false));
        o = val_obj_set(o, "SwitchParameter", val_bool(pbool(p, "Switch")));
        h = val_hash_set(h, val_str_new(pstr(p, "Name")), o);
    }
    val_free(params);
    return h;
}

/* The CmdletInfo of a table entry (FunctionInfo for those PowerShell has as functions). */
static val cmdlet_info(const struct cmdlet *cmd)
{
    const struct cmd_meta *m = cmd->meta;
    val model = model_from_cmdlet(m);
    bool fn = is_function_in_ps(m->name);
    const char *module, *version;
    cmdlet_module(m, &module, &version);
    val o = val_obj_new(fn ? "System.Management.Automation.FunctionInfo"
                           : "System.Management.Automation.CmdletInfo");
    o = val_obj_add_type(o, "System.Management.Automation.CommandInfo");
    o = val_obj_add_type(o, "System.Object");
    o = val_obj_set(o, "HelpUri", val_str_new(""));
    o = val_obj_set(o, "DLL", val_str_new(""));
    o = val_obj_set(o, "Verb", val_str_new(m->verb));
    o = val_obj_set(o, "Noun", val_str_new(m->noun));
    o = val_obj_set(o, "HelpFile", val_str_new(""));
    o = val_obj_set(o, "PSSnapIn", val_str_new(fn ? "" : module));
    o = val_obj_set(o, "ImplementingType", val_str_new(""));
    o = val_obj_set(o, "Definition", command_syntax(model));
    o = val_obj_set(o, "DefaultParameterSet",
                    val_str_new(m->default_set != SET_NONE ? m->sets[m->default_set]
                                                           : "__AllParameterSets"));
    val outs = val_arr_new();
    if (m->output_type && *m->output_type)
        outs = val_arr_push(outs, val_str_new(m->output_type));
    o = val_obj_set(o, "OutputType", outs);
    o = val_obj_set(o, "Options", val_str_new("ReadOnly"));
    o = val_obj_set(o, "Name", val_str_new(m->name));
    o = val_obj_set(o, "CommandType", val_enum(command_types_type(), fn ? CT_FUNCTION : CT_CMDLET));
    o = val_obj_set(o, "Source", val_str_new(fn ? "" : module));
    o = val_obj_set(o, "Version", fn || !*version ? val_null() : val_str_new(version));
    o = val_obj_set(o, "Visibility", val_str_new("Public"));
    o = val_obj_set(o, "ModuleName", val_str_new(fn ? "" : module));
    o = val_obj_set(o, "Module", val_null());
    o = val_obj_set(o, "RemotingCapability", val_str_new("PowerShell"));
    o = val_obj_set(o, "Parameters", parameters_table(model));
    o = val_obj_set(o, "ParameterSets", parameter_set_infos(model));
    o = val_obj_set(o, "\x01ToString", val_str_new(m->name));
    o = val_obj_set(o, "\x01Model", model);
    return o;
}

/* A function of the session with the members Get-Command shows. */
static val function_info(val fi)
{
    val model = model_from_function(fi);
    val o = val_obj_clone(fi);
    o = val_obj_set(o, "Parameters", parameters_table(model));
    o = val_obj_set(o, "ParameterSets", parameter_set_infos(model));
    o = val_obj_set(o, "\x01Model", model);
    return o;
}

static unsigned type_of(val info)
{
    val ct = val_obj_get(info, "CommandType");
    unsigned t = val_kind(ct) == VAL_ENUM ? (unsigned)ct.u.i : 0;
    val_free(ct);
    return t;
}

/* GetCommandCommand.CommandInfoComparer: by CommandType, then by name. */
static int cmp_command(const void *a, const void *b)
{
    val x = *(const val *)a, y = *(const val *)b;
    unsigned tx = type_of(x), ty = type_of(y);
    if (tx != ty)
        return tx < ty ? -1 : 1;
    const char *nx = pstr(x, "Name"), *ny = pstr(y, "Name");
    return text_icmp(nx, strlen(nx), ny, strlen(ny));
}

/*
** Every command of the session, as CommandInfo objects in the order of
** PowerShell's command search for a name: aliases, functions (and
** filters), cmdlets; sorted (by type, then name) when `sorted`.
*/
static val all_commands(struct cmd_ctx *c, bool sorted)
{
    val out = val_arr_new();
    enum sess_rc rc;
    val aliases = cmd_alias_list(c, NULL, &rc);
    for (uint32_t i = 0; i < val_arr_len(aliases); i++)
        out = val_arr_push(out, val_arr_get(aliases, i));
    val_free(aliases);
    val funcs = cmd_functions(c);
    for (uint32_t i = 0; i < val_arr_len(funcs); i++)
        out = val_arr_push(out, function_info(val_arr_items(funcs)[i]));
    /* the commands of the table that PowerShell has as functions (Clear-Host) */
    for (uint32_t i = 0; i < cmdlet_count(); i++) {
        const struct cmdlet *cmd = cmdlet_at(i);
        if (!is_function_in_ps(cmd->meta->name))
            continue;
        bool shadowed = false;
        for (uint32_t k = 0; k < val_arr_len(funcs); k++)
            if (ieq(pstr(val_arr_items(funcs)[k], "Name"), cmd->meta->name))
                shadowed = true;
        if (!shadowed)
            out = val_arr_push(out, cmdlet_info(cmd));
    }
    val_free(funcs);
    for (uint32_t i = 0; i < cmdlet_count(); i++) {
        const struct cmdlet *cmd = cmdlet_at(i);
        if (!is_function_in_ps(cmd->meta->name))
            out = val_arr_push(out, cmdlet_info(cmd));
    }
    if (sorted && val_arr_len(out) > 1)
        qsort((val *)val_arr_items(out), val_arr_len(out), sizeof(val), cmp_command);
    return out;
}

/* C#'s implicit numeric conversions (ConversionRank.NumericImplicit). */
static bool numeric_implicit(uint16_t from, uint16_t to)
{
    static const uint16_t wide[][9] = {
        [TY_SBYTE] = {TY_INT16, TY_INT, TY_LONG, TY_SINGLE, TY_DOUBLE, TY_DECIMAL},
        [TY_BYTE] = {TY_INT16, TY_UINT16, TY_INT, TY_UINT32, TY_LONG, TY_UINT64, TY_SINGLE, TY_DOUBLE,
                     TY_DECIMAL},
        [TY_INT16] = {TY_INT, TY_LONG, TY_SINGLE, TY_DOUBLE, TY_DECIMAL},
        [TY_UINT16] = {TY_INT, TY_UINT32, TY_LONG, TY_UINT64, TY_SINGLE, TY_DOUBLE, TY_DECIMAL},
        [TY_INT] = {TY_LONG, TY_SINGLE, TY_DOUBLE, TY_DECIMAL},
        [TY_UINT32] = {TY_LONG, TY_UINT64, TY_SINGLE, TY_DOUBLE, TY_DECIMAL},
        [TY_LONG] = {TY_SINGLE, TY_DOUBLE, TY_DECIMAL},
        [TY_UINT64] = {TY_SINGLE, TY_DOUBLE, TY_DECIMAL},
        [TY_CHAR] = {TY_UINT16, TY_INT, TY_UINT32, TY_LONG, TY_UINT64, TY_SINGLE, TY_DOUBLE, TY_DECIMAL},
        [TY_SINGLE] = {TY_DOUBLE},
    };
    if (from >= EMSH_ARRAY_SIZE(wide))
        return false;
    for (size_t i = 0; i < EMSH_ARRAY_SIZE(wide[from]) && wide[from][i]; i++)
        if (wide[from][i] == to)
            return true;
    return false;
}

/* The type a parameter's type name stands for: also the System.Management.Automation
** types help writes without their namespace (SwitchParameter, ActionPreference ...). */
static uint16_t param_type_id(const char *ptype)
{
    uint16_t t = type_lookup(ptype, strlen(ptype));
    if (!t) {
        struct buf b = BUF_INIT;
        buf_printf(&b, "System.Management.Automation.%s", ptype);
        t = type_lookup(b.s, b.len);
        buf_release(&b);
    }
    return t;
}

/* The element type's name of an array type name ("String" of "String[]"), or NULL. */
static char *elem_type_name(const char *ptype)
{
    size_t n = strlen(ptype);
    return n > 2 && strcmp(ptype + n - 2, "[]") == 0 ? emsh_xstrndup(ptype, n - 2) : NULL;
}

/*
** ParameterMetadata.IsMatchingType: does a parameter of type `ptype` take
** the type `want` (a PSTypeName)? A known type matches when it converts at
** least as well as a numeric widening (itself, a derived type, a wider
** number, and each of these into an array); [object] matches only the
** parameters that take any object, and those match nothing else. A name
** that is not a type matches the end of the parameter type's full name,
** or of its element type's, with wildcards.
*/
static bool parameter_type_matches(const char *ptype, const char *want)
{
    uint16_t p = param_type_id(ptype);
    uint16_t w = type_lookup(want, strlen(want));
    const struct type_info *pi = p ? type_get(p) : NULL;
    uint16_t pe = pi && pi->kind == TK_ARRAY ? pi->elem : p;
    if (w) {
        bool takes_objects = p && (pe == TY_OBJECT || pe == TY_PSOBJECT);
        if (w == TY_OBJECT)
            return takes_objects;
        if (takes_objects || !p)
            return false;
        return type_is(w, p) || type_is(w, pe) || numeric_implicit(w, pe);
    }
    struct buf pat = BUF_INIT;
    buf_putc(&pat, '*');
    buf_puts(&pat, want);
    char *elem = elem_type_name(ptype);
    bool m = wc_is_match(buf_cstr(&pat), p ? type_name(p) : ptype);
    if (!m && elem) {
        uint16_t e = param_type_id(elem);
        m = wc_is_match(buf_cstr(&pat), e ? type_name(e) : elem);
    }
    free(elem);
    buf_release(&pat);
    return m;
}

/*
** GetCommandCommand.IsParameterMatch: has the command a parameter (the
** common ones included) whose name or an alias matches `names` and whose
** type matches `types` (each filter passes when empty)? The names that
** matched are added to *matched.
*/
static bool has_parameter(val info, val names, val types, val *matched)
{
    if (!val_arr_len(names) && !val_arr_len(types))
        return true;
    val table = pget(info, "Parameters");
    if (val_kind(table) != VAL_HASHTABLE)
        return false;
    bool found = false;
    for (uint32_t i = 0; i < val_hash_len(table); i++) {
        val p = val_hash_value_at(table, i);
        const char *name = pstr(p, "Name");
        bool name_ok = !val_arr_len(names) || matches_any(name, names);
        val al = pget(p, "Aliases");
        for (uint32_t k = 0; k < val_arr_len(al) && val_arr_len(names); k++) {
            const char *a = val_str(val_arr_items(al)[k]);
            if (matches_any(a, names)) {
                *matched = val_arr_push(*matched, val_str_new(a));
                name_ok = true;
            }
        }
        if (name_ok && val_arr_len(names))
            *matched = val_arr_push(*matched, val_str_new(name));
        bool type_ok = !val_arr_len(types);
        for (uint32_t k = 0; k < val_arr_len(types) && !type_ok; k++) {
            struct buf t = BUF_INIT;
            conv_str(val_arr_items(types)[k], &t);
            type_ok = parameter_type_matches(pstr(p, "ParameterType"), buf_cstr(&t));
            buf_release(&t);
        }
        found |= name_ok && type_ok;
    }
    return found;
}

/* {--- -ShowCommandInfo (GetCommandCommand.ConvertToShowCommandInfo) ---*/

static val show_object(void)
{
    return val_obj_new(NULL);
}

static val show_parameter_type(const char *ptype)
{
    uint16_t t = param_type_id(ptype);
    const struct type_info *ti = t ? type_get(t) : NULL;
    char *elem = elem_type_name(ptype);
    bool is_enum = ti && ti->kind == TK_ENUM, is_array = ti ? ti->kind == TK_ARRAY : elem != NULL;
    val o = show_object();
    o = val_obj_set(o, "FullName", t ? val_str_new(type_name(t)) : full_type_name(ptype));
    o = val_obj_set(o, "IsEnum", val_bool(is_enum));
    o = val_obj_set(o, "IsArray", val_bool(is_array));
    val values = val_arr_new();
    for (uint32_t i = 0; is_enum && i < ti->nnames; i++)
        values = val_arr_push(values, val_enum(t, ti->values[i]));
    o = val_obj_set(o, "EnumValues", values);
    o = val_obj_set(o, "HasFlagAttribute", val_bool(false)); /* [Flags] on an array type: never */
    o = val_obj_set(o, "ElementType", !is_array ? val_null()
                                      : show_parameter_type(ti ? type_name(ti->elem) : elem));
    free(elem);
    o = val_obj_set(o, "ImplementsDictionary",
                    val_bool(!is_enum && !is_array && t && (type_is(t, TY_HASHTABLE) || type_is(t, TY_IDICTIONARY))));
    return o;
}

/* The ValidateSet values of a parameter of the command's model, or NULL. */
static val validate_set_of(val model, const char *name)
{
    val params = pget(model, "Params");
    for (uint32_t i = 0; i < val_arr_len(params); i++) {
        val p = val_arr_items(params)[i];
        if (ieq(pstr(p, "Name"), name) && !pbool(p, "IsEnum") && val_kind(pget(p, "Values")) == VAL_ARRAY)
            return pget(p, "Values");
    }
    return val_nothing();
}

static val show_command_info(val info)
{
    val model = pget(info, "\x01Model");
    val o = show_object();
    o = val_obj_set(o, "Name", val_str_new(pstr(info, "Name")));
    o = val_obj_set(o, "ModuleName", val_str_new(pstr(info, "ModuleName")));
    val module = show_object();
    module = val_obj_set(module, "Name", val_str_new(pstr(info, "ModuleName")));
    o = val_obj_set(o, "Module", module);
    o = val_obj_set(o, "CommandType", val_obj_get(info, "CommandType"));
    o = val_obj_set(o, "Definition", val_obj_get(info, "Definition"));
    val sets = val_arr_new(), from = pget(info, "ParameterSets");
    for (uint32_t s = 0; s < val_arr_len(from); s++) {
        val set = val_arr_items(from)[s];
        val so = show_object();
        so = val_obj_set(so, "Name", val_str_new(pstr(set, "Name")));
        so = val_obj_set(so, "IsDefault", val_bool(pbool(set, "IsDefault")));
        val ps = val_arr_new(), params = pget(set, "Parameters");
        for (uint32_t i = 0; i < val_arr_len(params); i++) {
            val p = val_arr_items(params)[i];
            val po = show_object();
            po = val_obj_set(po, "Name", val_str_new(pstr(p, "Name")));
            po = val_obj_set(po, "IsMandatory", val_bool(pbool(p, "IsMandatory")));
            po = val_obj_set(po, "ValueFromPipeline", val_bool(pbool(p, "ValueFromPipeline")));
            po = val_obj_set(po, "Position", val_obj_get(p, "Position"));
            po = val_obj_set(po, "ParameterType", show_parameter_type(pstr(p, "ParameterType")));
            val vs = validate_set_of(model, pstr(p, "Name"));
            po = val_obj_set(po, "HasParameterSet", val_bool(val_kind(vs) == VAL_ARRAY));
            po = val_obj_set(po, "ValidParamSetValues", val_kind(vs) == VAL_ARRAY ? val_arr_clone(vs) : val_arr_new());
            ps = val_arr_push(ps, po);
        }
        so = val_obj_set(so, "Parameters", ps);
        sets = val_arr_push(sets, so);
    }
    return val_obj_set(o, "ParameterSets", sets);
}

/* }--- */

/* Writes one result of Get-Command: the command, or its syntax. */
static enum ev write_command(struct cmd_ctx *c, val info, bool syntax, bool show)
{
    if (show)
        return cmd_write(c, show_command_info(info));
    if (!syntax)
        return cmd_write(c, val_copy(info));
    if (type_of(info) == CT_ALIAS)
        return cmd_write(c, val_str_new(pstr(info, "Definition")));
    return cmd_write(c, command_syntax(pget(info, "\x01Model")));
}

/* CmdletInfo.SplitCmdletName: the verb and noun of a name with a dash. */
static bool split_name(const char *name, struct buf *verb, struct buf *noun)
{
    const char *dash = strchr(name, '-');
    if (!dash || dash == name || !dash[1])
        return false;
    buf_add(verb, name, (size_t)(dash - name));
    buf_puts(noun, dash + 1);
    return true;
}

/* GetCommandCommand.IsCommandMatch: type, verb and noun, module. */
static bool command_matches(val info, unsigned types, val verbs, val nouns, val modules)
{
    unsigned t = type_of(info);
    if (!(t & types))
        return false;
    bool verb_noun = val_arr_len(verbs) || val_arr_len(nouns);
    const char *module = pstr(info, "ModuleName");
    if (t == CT_CMDLET || (verb_noun && t != CT_CMDLET)) {
        if (*module) {
            if (val_arr_len(modules) && !matches_any(module, modules))
                return false;
        } else if (val_arr_len(modules)) {
            return false;
        }
        struct buf verb = BUF_INIT, noun = BUF_INIT;
        bool ok = split_name(pstr(info, "Name"), &verb, &noun);
        if (ok && val_arr_len(verbs) && !matches_any(buf_cstr(&verb), verbs))
            ok = false;
        if (ok && val_arr_len(nouns) && !matches_any(buf_cstr(&noun), nouns))
            ok = false;
        buf_release(&verb);
        buf_release(&noun);
        return ok;
    }
    if (val_arr_len(modules) && !matches_any(module, modules))
        return false;
    return true;
}

static enum ev get_command_process(struct cmd_ctx *c, val input)
{
    (void)input;
    help_cmdlet_views();
    bool all_set = cmd_set(c) == 1; /* AllCommandSet */
    bool syntax = cmd_switch(c, GCM_SYNTAX), every = cmd_switch(c, GCM_ALL);
    bool show = cmd_switch(c, GCM_SHOW_COMMAND_INFO);
    if (show && syntax)
        return cmd_throw(c, "GetCommandCannotSpecifySyntaxAndShowCommandInfoTogether", "InvalidArgument",
                         "System.Management.Automation.PSArgumentException", val_nothing(),
                         "The ShowCommandInfo and Syntax parameters cannot be specified together.");
    /* -ListImported: every command of emsh is in the session, there are no modules to import */
    val names = strs_arg(c, GCM_NAME), verbs = strs_arg(c, GCM_VERB), nouns = strs_arg(c, GCM_NOUN);
    val modules = strs_arg(c, GCM_MODULE), pnames = strs_arg(c, GCM_PARAMETER_NAME);
    val ptypes = strs_arg(c, GCM_PARAMETER_TYPE), matched = val_arr_new();
    bool type_given = all_set && cmd_bound(c, GCM_COMMAND_TYPE);
    unsigned types = CT_ALIAS | CT_FUNCTION | CT_FILTER | CT_CMDLET | CT_WORKFLOW | CT_CONFIGURATION;
    if (type_given) {
        types = command_types_arg(cmd_arg(c, GCM_COMMAND_TYPE));
        if (!types)
            types = CT_ALL;
    }
    int64_t total = -1;
    if (cmd_bound(c, GCM_TOTAL_COUNT) && !conv_to_int64(cmd_arg(c, GCM_TOTAL_COUNT), &total, NULL))
        total = -1;
    if (!all_set || !val_arr_len(names)) {
        val_free(names);
        names = val_arr_push(val_arr_new(), val_str_new("*"));
    }
    bool named = all_set && cmd_bound(c, GCM_NAME);
    bool any_wild = false;
    val all = all_commands(c, false);
    val results = val_arr_new();
    enum ev rc = EV_OK;
    int64_t count = 0;
    for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
        struct buf nb = BUF_INIT;
        conv_str(val_arr_items(names)[i], &nb);
        const char *name = buf_cstr(&nb);
        bool wild = wc_has_wildcards(name, nb.len);
        any_wild |= wild;
        /* a name: the command it runs (every one of them with -All, -CommandType ...) */
        bool first_only = !wild && !every && total < 0 && !type_given && !val_arr_len(modules);
        bool found = false;
        for (uint32_t k = 0; k < val_arr_len(all); k++) {
            val info = val_arr_items(all)[k];
            if (!(wild ? wc_is_match(name, pstr(info, "Name")) : ieq(pstr(info, "Name"), name)))
                continue;
            if (!command_matches(info, types, verbs, nouns, modules))
                continue;
            bool dup = false;
            for (uint32_t r = 0; r < val_arr_len(results) && !dup; r++)
                dup = ieq(pstr(val_arr_items(results)[r], "Name"), pstr(info, "Name")) &&
                      type_of(val_arr_items(results)[r]) == type_of(info);
            if (dup)
                continue;
            found = true;
            if (!has_parameter(info, pnames, ptypes, &matched))
                continue;
            if (total >= 0 && count >= total)
                break;
            results = val_arr_push(results, val_copy(info));
            count++;
            if (first_only)
                break;
        }
        if (!found && !wild) {
            struct buf m = BUF_INIT;
            buf_printf(&m,
                       "The term '%s' is not recognized as the name of a cmdlet, function, "
                       "script file, or operable program. Check the spelling of the name, or "
                       "if a path was included, verify that the path is correct and try again.",
                       name);
            val t = val_str_new(name);
            rc = cmd_error(c, "CommandNotFoundException", "ObjectNotFound",
                           "System.Management.Automation.CommandNotFoundException", t, buf_cstr(&m));
            val_free(t);
            buf_release(&m);
        }
        buf_release(&nb);
    }
    /* without a name, aliases show only when asked for (or when their name has a dash) */
    if (!named && !every && total < 0) {
        val kept = val_arr_new();
        for (uint32_t i = 0; i < val_arr_len(results); i++) {
            val info = val_arr_items(results)[i];
            const char *n = pstr(info, "Name");
            const char *dash = strchr(n, '-');
            if (type_of(info) == CT_ALIAS && !(type_given && (types & CT_ALIAS)) && !(dash && dash > n))
                continue;
            kept = val_arr_push(kept, val_copy(info));
        }
        val_free(results);
        results = kept;
    }
    /* a parameter name without wildcards that no command has */
    for (uint32_t i = 0; i < val_arr_len(pnames) && !rc; i++) {
        struct buf nb = BUF_INIT;
        conv_str(val_arr_items(pnames)[i], &nb);
        bool seen = wc_has_wildcards(nb.s ? nb.s : "", nb.len);
        for (uint32_t k = 0; k < val_arr_len(matched) && !seen; k++)
            seen = ieq(val_str(val_arr_items(matched)[k]), buf_cstr(&nb));
        if (!seen) {
            struct buf m = BUF_INIT;
            buf_printf(&m,
                       "No matching commands include a parameter named '%s'.  Check the spelling of the "
                       "parameter name, and then try again.",
                       buf_cstr(&nb));
            val t = val_str_new(buf_cstr(&nb));
            rc = cmd_error(c, "CommandParameterNotFound", "ObjectNotFound", "System.ArgumentException", t,
                           buf_cstr(&m));
            val_free(t);
            buf_release(&m);
        }
        buf_release(&nb);
    }
    if ((!named || any_wild) && val_arr_len(results) > 1)
        qsort((val *)val_arr_items(results), val_arr_len(results), sizeof(val), cmp_command);
    for (uint32_t i = 0; i < val_arr_len(results) && !rc; i++)
        rc = write_command(c, val_arr_items(results)[i], syntax, show);
    val_free(results);
    val_free(all);
    val_free(names);
    val_free(verbs);
    val_free(nouns);
    val_free(modules);
    val_free(pnames);
    val_free(ptypes);
    val_free(matched);
    return rc;
}

CMDLET_DEFINE(cmd_get_command, .process = get_command_process);

/* }================================================================== */

/*
** {==================================================================
** Help views
** ===================================================================
*/

/*
** Appends text word-wrapped to width columns, every line indented by
** `indent` spaces; newlines in the text start new lines (an empty line
** stays empty but indented, as the help views print it).
*/
static void wrap(struct buf *out, const char *text, int indent, int width)
{
    int avail = width - indent;
    if (avail < 20)
        avail = 20;
    const char *s = text;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        size_t i = 0;
        bool first = true;
        do {
            for (int k = 0; k < indent; k++)
                buf_putc(out, ' ');
            size_t rest = n - i;
            size_t cols = text_utf16_len(s + i, rest);
            if ((int)cols <= avail) {
                buf_add(out, s + i, rest);
                i = n;
            } else {
                size_t cut = text_utf16_offset(s + i, rest, (size_t)avail);
                size_t brk = cut;
                while (brk > 0 && s[i + brk] != ' ')
                    brk--;
                if (brk == 0)
                    brk = cut;
                buf_add(out, s + i, brk);
                i += brk;
                while (i < n && s[i] == ' ')
                    i++;
            }
            buf_putc(out, '\n');
            first = false;
        } while (i < n);
        (void)first;
        if (!nl)
            break;
        s = nl + 1;
    }
}

/* A syntax line wrapped at parameter boundaries, continuation lines indented like the first. */
static void wrap_syntax(struct buf *out, const char *line, int indent, int width)
{
    int avail = width - indent;
    size_t n = strlen(line), i = 0;
    while (i < n) {
        for (int k = 0; k < indent; k++)
            buf_putc(out, ' ');
        if ((int)(n - i) <= avail) {
            buf_add(out, line + i, n - i);
            buf_putc(out, '\n');
            return;
        }
        /* break before a parameter: at " [" or " -" within the width */
        size_t brk = 0;
        for (size_t k = i + 1; k < n && (int)(k - i) <= avail; k++)
            if (line[k] == ' ' && (line[k + 1] == '[' || line[k + 1] == '-'))
                brk = k;
        if (!brk) {
            brk = i + (size_t)avail;
            while (brk < n && line[brk] != ' ')
                brk++;
        }
        buf_add(out, line + i, brk - i);
        buf_putc(out, '\n');
        i = brk;
        while (i < n && line[i] == ' ')
            i++;
    }
}

enum view { VIEW_DEFAULT, VIEW_DETAILED, VIEW_FULL, VIEW_EXAMPLES };

static const char common_text[] =
    "    <CommonParameters>\n"
    "        This cmdlet supports the common parameters: Verbose, Debug,\n"
    "        ErrorAction, ErrorVariable, WarningAction, WarningVariable,\n"
    "        OutBuffer, PipelineVariable, and OutVariable. For more information, see \n"
    "        about_CommonParameters (https:/go.microsoft.com/fwlink/?LinkID=113216). \n";

/* The -Confirm and -WhatIf entries of a ShouldProcess cmdlet's help. */
static val should_process_params(void)
{
    val out = val_arr_new();
    static const char *const names[] = {"Confirm", "WhatIf"};
    static const char *const helps[] = {
        "Prompts you for confirmation before running the cmdlet.",
        "Shows what would happen if the cmdlet runs. The cmdlet is not run."};
    for (int i = 0; i < 2; i++) {
        val p = val_obj_new("emsh.HelpParam");
        p = val_obj_set(p, "Name", val_str_new(names[i]));
        p = val_obj_set(p, "Type", val_str_new("SwitchParameter"));
        p = val_obj_set(p, "Switch", val_bool(true));
        p = val_obj_set(p, "Values", val_null());
        p = val_obj_set(p, "Help", val_str_new(helps[i]));
        p = val_obj_set(p, "Default", val_str_new("False"));
        p = val_obj_set(p, "Wildcard", val_bool(false));
        p = val_obj_set(p, "Aliases", val_arr_push(val_arr_new(), val_str_new(i ? "wi" : "cf")));
        p = val_obj_set(p, "Required", val_bool(false));
        p = val_obj_set(p, "Position", val_int(-1));
        p = val_obj_set(p, "ByValue", val_bool(false));
        p = val_obj_set(p, "ByPropertyName", val_bool(false));
        out = val_arr_push(out, p);
    }
    return out;
}

static int cmp_param_name(const void *a, const void *b)
{
    const char *x = pstr(*(const val *)a, "Name"), *y = pstr(*(const val *)b, "Name");
    return text_icmp(x, strlen(x), y, strlen(y));
}

/* The parameters a help view lists: cmdlets alphabetically (with Confirm and WhatIf), functions
** in declaration order. A new array. */
static val help_params(val model)
{
    val params = val_arr_clone(pget(model, "Params"));
    if (pbool(model, "Cmdlet")) {
        if (pbool(model, "ShouldProcess")) {
            val sp = should_process_params();
            for (uint32_t i = 0; i < val_arr_len(sp); i++)
                params = val_arr_push(params, val_arr_get(sp, i));
            val_free(sp);
        }
        if (val_arr_len(params) > 1)
            qsort((val *)val_arr_items(params), val_arr_len(params), sizeof(val), cmp_param_name);
    }
    return params;
}

/* One parameter: "-Name <T>", its description, and with full its attribute table. */
static void render_param(struct buf *out, val model, val p, bool full, int indent, int width)
{
    bool cmdlet = pbool(model, "Cmdlet");
    for (int k = 0; k < indent; k++)
        buf_putc(out, ' ');
    buf_printf(out, "-%s", pstr(p, "Name"));
    if (!pbool(p, "Switch")) {
        buf_putc(out, ' ');
        help_type_name(p, out);
    } else {
        buf_puts(out, " [<SwitchParameter>]");
    }
    buf_putc(out, '\n');
    const char *help = pstr(p, "Help");
    if (*help)
        wrap(out, help, indent + 4, width);
    if (full) {
        char pad[16];
        snprintf(pad, sizeof pad, "%*s", indent + 4, "");
        buf_printf(out, "%s\n", pad);
        bool by_value = pbool(p, "ByValue"), by_name = pbool(p, "ByPropertyName");
        int64_t pos = pint(p, "Position");
        const char *pipe;
        if (cmdlet)
            pipe = by_value && by_name ? "True (ByPropertyName, ByValue)"
                   : by_value          ? "True (ByValue)"
                   : by_name           ? "True (ByPropertyName)"
                                       : "False";
        else
            pipe = by_value && by_name ? "true (ByValue, ByPropertyName)"
                   : by_value          ? "true (ByValue)"
                   : by_name           ? "true (ByPropertyName)"
                                       : "false";
        char posbuf[32];
        if (pos < 0)
            snprintf(posbuf, sizeof posbuf, "named");
        else
            snprintf(posbuf, sizeof posbuf, "%lld", (long long)(cmdlet ? pos : pos + 1));
        buf_printf(out, "%s%-29s%s\n", pad, "Required?", pbool(p, "Required") ? "true" : "false");
        buf_printf(out, "%s%-29s%s\n", pad, "Position?", posbuf);
        buf_printf(out, "%s%-29s%s\n", pad, "Default value", pstr(p, "Default"));
        buf_printf(out, "%s%-29s%s\n", pad, "Accept pipeline input?", pipe);
        buf_printf(out, "%s%-29s%s\n", pad, "Accept wildcard characters?",
                   pbool(p, "Wildcard") ? "true" : "false");
    }
    buf_printf(out, "%*s\n", indent + 4, "");
}

static void render_examples(struct buf *out, val model, int width)
{
    val ex = pget(model, "Examples");
    for (uint32_t i = 0; i < val_arr_len(ex); i++) {
        val e = val_arr_items(ex)[i];
        buf_printf(out, "    -------------------------- EXAMPLE %u --------------------------\n", i + 1);
        buf_puts(out, "    \n");
        /* the code keeps its own lines; the first follows the prompt */
        const char *code = pstr(e, "Code");
        buf_puts(out, "    ");
        buf_puts(out, pstr(e, "Prompt"));
        for (const char *s = code; *s; s++) {
            buf_putc(out, *s);
            if (*s == '\n')
                buf_puts(out, "    ");
        }
        buf_putc(out, '\n');
        buf_puts(out, "    \n");
        const char *remarks = pstr(e, "Remarks");
        if (*remarks)
            wrap(out, remarks, 4, width);
        buf_puts(out, "    \n    \n    \n");
    }
}

static void render_remarks(struct buf *out, val model)
{
    const char *name = pstr(model, "Name");
    buf_puts(out, "REMARKS\n");
    if (val_arr_len(pget(model, "Examples")))
        buf_printf(out, "    To see the examples, type: \"get-help %s -examples\".\n", name);
    buf_printf(out, "    For more information, type: \"get-help %s -detailed\".\n", name);
    buf_printf(out, "    For technical information, type: \"get-help %s -full\".\n", name);
}

static void render_links(struct buf *out, val model)
{
    buf_puts(out, "RELATED LINKS\n");
    val links = pget(model, "Links");
    for (uint32_t i = 0; i < val_arr_len(links); i++)
        buf_printf(out, "    %s \n", val_str(val_arr_items(links)[i]));
    buf_putc(out, '\n');
}

/* A function without comment-based help: what PowerShell builds from its metadata. */
static void render_metadata_only(struct buf *out, val model, int width)
{
    buf_printf(out, "\nNAME\n    %s\n    \nSYNTAX\n", pstr(model, "Name"));
    val sets = pget(model, "Sets");
    for (uint32_t s = 0; s < val_arr_len(sets); s++) {
        struct buf line = BUF_INIT;
        syntax_of_set(model, val_arr_items(sets)[s], false, &line);
        wrap_syntax(out, buf_cstr(&line), 4, width);
        buf_puts(out, "    \n");
        buf_release(&line);
    }
    buf_puts(out, "    \nALIASES\n    None\n    \n\nREMARKS\n    None\n");
}

/* The text of a help view. */
static void render_help(struct buf *out, val model, enum view v, int width)
{
    if (!pbool(model, "HasHelp")) {
        render_metadata_only(out, model, width);
        return;
    }
    const char *name = pstr(model, "Name");
    const char *synopsis = pstr(model, "Synopsis");
    buf_printf(out, "\nNAME\n    %s\n    \nSYNOPSIS\n", name);
    if (*synopsis)
        wrap(out, synopsis, 4, width);
    /* the details control ends with two new lines in every view */
    buf_puts(out, "    \n    \n");
    if (v == VIEW_EXAMPLES) {
        render_examples(out, model, width);
        return;
    }
    buf_puts(out, "SYNTAX\n");
    val sets = pget(model, "Sets");
    for (uint32_t s = 0; s < val_arr_len(sets); s++) {
        struct buf line = BUF_INIT;
        syntax_of_set(model, val_arr_items(sets)[s], false, &line);
        wrap_syntax(out, buf_cstr(&line), 4, width);
        buf_puts(out, "    \n");
        buf_release(&line);
    }
    buf_puts(out, "    \nDESCRIPTION\n");
    const char *desc = pstr(model, "Description");
    if (*desc)
        wrap(out, desc, 4, width);
    buf_puts(out, "    \n");
    if (v == VIEW_DEFAULT) {
        buf_putc(out, '\n');
        render_links(out, model);
        render_remarks(out, model);
        return;
    }
    buf_puts(out, "\nPARAMETERS\n");
    val params = help_params(model);
    for (uint32_t i = 0; i < val_arr_len(params); i++)
        render_param(out, model, val_arr_items(params)[i], v == VIEW_FULL, 4, width);
    val_free(params);
    if (pbool(model, "Common") || pbool(model, "HasHelp"))
        buf_puts(out, common_text);
    buf_puts(out, "    \n");
    if (v == VIEW_FULL) {
        buf_puts(out, "INPUTS\n");
        val in = pget(model, "Inputs");
        for (uint32_t i = 0; i < val_arr_len(in); i++)
            wrap(out, val_str(val_arr_items(in)[i]), 4, width);
        buf_puts(out, "    \n    \nOUTPUTS\n");
        val outs = pget(model, "Outputs");
        for (uint32_t i = 0; i < val_arr_len(outs); i++)
            wrap(out, val_str(val_arr_items(outs)[i]), 4, width);
        buf_puts(out, "    \n    \n");
        /* NOTES shows the alert set: a cmdlet's help always has one; comment-based help
           only with .NOTES, as a frame of the (empty) title, two new lines and the text */
        const char *notes = pstr(model, "Notes");
        if (pbool(model, "Cmdlet")) {
            buf_puts(out, "NOTES\n    \n");
            if (*notes)
                wrap(out, notes, 8, width);
            buf_puts(out, "    \n");
        } else if (*notes) {
            buf_puts(out, "NOTES\n    \n    \n");
            wrap(out, notes, 8, width);
            buf_puts(out, "    \n");
        }
    }
    render_examples(out, model, width);
    if (v == VIEW_FULL) {
        render_links(out, model);
    } else {
        render_remarks(out, model);
    }
}

/* }================================================================== */

/*
** {==================================================================
** Get-Help
** ===================================================================
*/

enum {
    GH_NAME, GH_PATH, GH_CATEGORY, GH_COMPONENT, GH_FUNCTIONALITY, GH_ROLE, GH_FULL, GH_DETAILED,
    GH_EXAMPLES, GH_PARAMETER, GH_ONLINE, GH_SHOW_WINDOW
};

/* The help object: its members, and as its string form the rendered view. */
static val help_object(val model, const char *view_name, val text)
{
    val o = val_obj_new(NULL);
    val_obj_insert_type(o, "HelpInfo");
    val_obj_insert_type(o, "MamlCommandHelpInfo");
    struct buf tn = BUF_INIT;
    buf_printf(&tn, "MamlCommandHelpInfo#%s", view_name);
    val_obj_insert_type(o, buf_cstr(&tn));
    buf_release(&tn);
    o = val_obj_set(o, "Name", val_str_new(pstr(model, "Name")));
    o = val_obj_set(o, "Category", val_str_new(pstr(model, "Category")));
    o = val_obj_set(o, "Synopsis", val_str_new(pstr(model, "Synopsis")));
    o = val_obj_set(o, "Component", val_null());
    o = val_obj_set(o, "Role", val_null());
    o = val_obj_set(o, "Functionality", val_null());
    o = val_obj_set(o, "ModuleName", val_str_new(pstr(model, "Module")));
    o = val_obj_set(o, "Description", val_str_new(pstr(model, "Description")));
    val params = help_params(model);
    o = val_obj_set(o, "Parameters", params);
    o = val_obj_set(o, "Examples", val_copy(pget(model, "Examples")));
    val syn = val_arr_new();
    val sets = pget(model, "Sets");
    for (uint32_t s = 0; s < val_arr_len(sets); s++) {
        struct buf line = BUF_INIT;
        syntax_of_set(model, val_arr_items(sets)[s], false, &line);
        syn = val_arr_push(syn, val_str_buf(&line));
    }
    o = val_obj_set(o, "Syntax", syn);
    o = val_obj_set(o, "\x01ToString", text);
    return o;
}

/* The help model of every command, for listings and searches: {Name, Category, Module, Synopsis,
** Model}. */
static val help_topics(struct cmd_ctx *c)
{
    val all = all_commands(c, false);
    val out = val_arr_new();
    for (uint32_t i = 0; i < val_arr_len(all); i++) {
        val info = val_arr_items(all)[i];
        if (type_of(info) == CT_ALIAS)
            continue;
        out = val_arr_push(out, val_copy(pget(info, "\x01Model")));
    }
    val_free(all);
    return out;
}

/* The short entry Get-Help lists for a topic that matched a pattern. */
static val help_short(val model)
{
    val o = val_obj_new("HelpInfoShort");
    o = val_obj_set(o, "Name", val_str_new(pstr(model, "Name")));
    o = val_obj_set(o, "Category", val_str_new(pstr(model, "Category")));
    o = val_obj_set(o, "Module", val_str_new(pstr(model, "Module")));
    o = val_obj_set(o, "Synopsis", val_str_new(pstr(model, "Synopsis")));
    o = val_obj_set(o, "Component", val_null());
    o = val_obj_set(o, "Role", val_null());
    o = val_obj_set(o, "Functionality", val_null());
    o = val_obj_set(o, "Length", val_int((int32_t)strlen(pstr(model, "Synopsis"))));
    return o;
}

static const char default_help[] =
    "\n"
    "TOPIC\n"
    "    emsh Help System\n"
    "\n"
    "SHORT DESCRIPTION\n"
    "    Displays help about emsh cmdlets and functions.\n"
    "\n"
    "LONG DESCRIPTION\n"
    "    emsh Help describes the cmdlets and functions of the shell: the\n"
    "    PowerShell commands it provides, the Exchange cmdlets of the\n"
    "    organization, and the functions your scripts define.\n"
    "\n"
    "    The help comes with emsh. For functions, it is read from their\n"
    "    comment-based help (.SYNOPSIS, .DESCRIPTION, .PARAMETER, .EXAMPLE ...)\n"
    "    and their param blocks.\n"
    "\n"
    "  Get-Help\n"
    "    You can use the Get-Help cmdlet to display Help. Here are some\n"
    "    examples:\n"
    "\n"
    "        Get-Help Get-Mailbox\n"
    "        Get-Help Get-Mailbox -Detailed\n"
    "        Get-Help Get-Mailbox -Full\n"
    "        Get-Help Get-Mailbox -Examples\n"
    "        Get-Help Get-Mailbox -Parameter Identity\n"
    "        Get-Help *-Variable\n"
    "\n"
    "  Get-Command\n"
    "    Get-Command lists the commands of the session, and with -Syntax\n"
    "    shows how to call them:\n"
    "\n"
    "        Get-Command -Noun Mailbox\n"
    "        Get-Command Set-Mailbox -Syntax\n"
    "\n"
    "SEE ALSO\n"
    "    Get-Help\n"
    "    Get-Command";

static enum ev help_not_found(struct cmd_ctx *c, const char *name)
{
    struct buf m = BUF_INIT;
    buf_printf(&m,
               "Get-Help could not find %s in a help file in this session. To download updated "
               "help topics type: \"Update-Help\". To get help online, search for the help topic "
               "in the TechNet library at https:/go.microsoft.com/fwlink/?LinkID=107116.",
               name);
    const char *exc = "System.Management.Automation.HelpNotFoundException";
    if (!type_lookup(exc, strlen(exc)))
        type_exception(exc, type_lookup("System.SystemException", 22));
    val t = val_str_new(name);
    enum ev rc = cmd_error(c, "HelpNotFound", "ResourceUnavailable", exc, t, buf_cstr(&m));
    val_free(t);
    buf_release(&m);
    return rc;
}

/* Get-Help -Parameter: the blocks of the matching parameters. */
static enum ev write_parameter_help(struct cmd_ctx *c, val model, const char *pattern, int width)
{
    val params = help_params(model);
    enum ev rc = EV_OK;
    bool any = false;
    for (uint32_t i = 0; i < val_arr_len(params) && !rc; i++) {
        val p = val_arr_items(params)[i];
        if (!wc_is_match(pattern, pstr(p, "Name")))
            continue;
        any = true;
        struct buf b = BUF_INIT;
        buf_putc(&b, '\n');
        render_param(&b, model, p, true, 0, width);
        while (b.len && b.s[b.len - 1] == '\n')
            b.s[--b.len] = '\0';
        val o = val_obj_new("MamlCommandHelpInfo#parameter");
        o = val_obj_set(o, "name", val_str_new(pstr(p, "Name")));
        o = val_obj_set(o, "type", val_str_new(pstr(p, "Type")));
        o = val_obj_set(o, "required", val_str_new(pbool(p, "Required") ? "true" : "false"));
        o = val_obj_set(o, "description", val_str_new(pstr(p, "Help")));
        o = val_obj_set(o, "\x01ToString", val_str_buf(&b));
        rc = cmd_write(c, o);
    }
    val_free(params);
    if (!rc && !any) {
        struct buf m = BUF_INIT;
        buf_printf(&m, "No parameter matches criteria %s.", pattern);
        val t = val_str_new(pattern);
        rc = cmd_error(c, "NoParmsFound", "ObjectNotFound", "System.ArgumentException", t,
                       buf_cstr(&m));
        val_free(t);
        buf_release(&m);
    }
    return rc;
}

static enum ev show_help(struct cmd_ctx *c, val model)
{
    int width = cmd_console_width(c) - 1;
    if (cmd_bound(c, GH_PARAMETER)) {
        struct buf p = BUF_INIT;
        conv_str(cmd_arg(c, GH_PARAMETER), &p);
        enum ev rc = write_parameter_help(c, model, buf_cstr(&p), width);
        buf_release(&p);
        return rc;
    }
    enum view v = cmd_switch(c, GH_FULL)       ? VIEW_FULL
                  : cmd_switch(c, GH_DETAILED) ? VIEW_DETAILED
                  : cmd_switch(c, GH_EXAMPLES) ? VIEW_EXAMPLES
                                              : VIEW_DEFAULT;
    static const char *const view_names[] = {"DefaultView", "DetailedView", "FullView",
                                             "ExamplesView"};
    struct buf b = BUF_INIT;
    render_help(&b, model, v, width);
    while (b.len && b.s[b.len - 1] == '\n')
        b.s[--b.len] = '\0';
    return cmd_write(c, help_object(model, view_names[v], val_str_buf(&b)));
}

static bool category_allows(val cats, const char *category)
{
    if (!val_arr_len(cats))
        return true;
    for (uint32_t i = 0; i < val_arr_len(cats); i++) {
        const char *s = val_str(val_arr_items(cats)[i]);
        if (ieq(s, "All") || ieq(s, category))
            return true;
    }
    return false;
}

static enum ev get_help_process(struct cmd_ctx *c, val input)
{
    (void)input;
    help_cmdlet_views();
    if (cmd_switch(c, GH_ONLINE))
        return cmd_throw(c, "InvalidOperation", "InvalidOperation",
                         "System.Management.Automation.PSInvalidOperationException", val_nothing(),
                         "The online version of this Help topic cannot be displayed because the "
                         "Internet address (URI) of the Help topic is not specified in the command "
                         "code or in the help file for the command.");
    if (cmd_switch(c, GH_SHOW_WINDOW))
        return cmd_throw(c, "NotSupported", "NotImplemented",
                         "System.Management.Automation.PSNotSupportedException", val_nothing(),
                         "The ShowWindow parameter is not available in emsh; help is shown in the "
                         "console.");
    val namev = cmd_arg(c, GH_NAME);
    if (val_is_null(namev) || (val_kind(namev) == VAL_STRING && !val_str_len(namev))) {
        val o = val_obj_new("HelpInfo");
        o = val_obj_set(o, "Name", val_str_new("default"));
        o = val_obj_set(o, "Category", val_str_new("HelpFile"));
        o = val_obj_set(o, "Synopsis", val_str_new("Displays help about emsh cmdlets and functions."));
        o = val_obj_set(o, "\x01ToString", val_str_new(default_help));
        return cmd_write(c, o);
    }
    struct buf nb = BUF_INIT;
    conv_str(namev, &nb);
    const char *name = buf_cstr(&nb);
    val cats = strs_arg(c, GH_CATEGORY);
    val topics = help_topics(c);
    enum ev rc = EV_OK;
    /* an exact name, or an alias of one */
    val exact = val_nothing();
    if (!wc_has_wildcards(name, nb.len)) {
        const char *target = name;
        enum sess_rc src;
        val aliases = cmd_alias_list(c, NULL, &src);
        for (uint32_t i = 0; i < val_arr_len(aliases); i++)
            if (ieq(pstr(val_arr_items(aliases)[i], "Name"), name) &&
                category_allows(cats, "Alias"))
                target = pstr(val_arr_items(aliases)[i], "ResolvedCommandName");
        for (uint32_t i = 0; i < val_arr_len(topics) && val_kind(exact) == VAL_NOTHING; i++) {
            val m = val_arr_items(topics)[i];
            if (ieq(pstr(m, "Name"), target) && category_allows(cats, pstr(m, "Category")))
                exact = val_copy(m);
        }
        val_free(aliases);
    }
    if (val_kind(exact) == VAL_OBJECT) {
        rc = show_help(c, exact);
    } else {
        /* a pattern (a plain word searches names containing it, then the text) */
        bool wild = wc_has_wildcards(name, nb.len);
        struct buf pat = BUF_INIT;
        if (wild)
            buf_puts(&pat, name);
        else
            buf_printf(&pat, "*%s*", name);
        val hits = val_arr_new();
        for (uint32_t i = 0; i < val_arr_len(topics); i++) {
            val m = val_arr_items(topics)[i];
            if (wc_is_match(buf_cstr(&pat), pstr(m, "Name")) && category_allows(cats, pstr(m, "Category")))
                hits = val_arr_push(hits, val_copy(m));
        }
        if (!val_arr_len(hits) && !wild)
            for (uint32_t i = 0; i < val_arr_len(topics); i++) {
                val m = val_arr_items(topics)[i];
                if ((wc_is_match(buf_cstr(&pat), pstr(m, "Synopsis")) ||
                     wc_is_match(buf_cstr(&pat), pstr(m, "Description"))) &&
                    category_allows(cats, pstr(m, "Category")))
                    hits = val_arr_push(hits, val_copy(m));
            }
        if (val_arr_len(hits) == 1)
            rc = show_help(c, val_arr_items(hits)[0]);
        else if (val_arr_len(hits) > 1) {
            qsort((val *)val_arr_items(hits), val_arr_len(hits), sizeof(val), cmp_param_name);
            for (uint32_t i = 0; i < val_arr_len(hits) && !rc; i++)
                rc = cmd_write(c, help_short(val_arr_items(hits)[i]));
        } else if (!wild) {
            rc = help_not_found(c, name);
        }
        val_free(hits);
        buf_release(&pat);
    }
    val_free(exact);
    val_free(topics);
    val_free(cats);
    buf_release(&nb);
    return rc;
}

CMDLET_DEFINE(cmd_get_help, .process = get_help_process);

/* }================================================================== */
