/*
** c_snapin.c - the snap-in cmdlets of Microsoft.PowerShell.Core:
** Get-PSSnapin, Add-PSSnapin and Remove-PSSnapin.
**
** Exchange scripts begin with `Add-PSSnapin
** Microsoft.Exchange.Management.PowerShell.SnapIn`, or ask
** `Get-PSSnapin -Registered` whether Exchange is there. The session is the
** Exchange Management Shell, so the Exchange cmdlets always exist; adding
** the snap-in changes what Get-PSSnapin lists, not which commands run.
**
** What a snap-in is lives here: the built-in Microsoft.PowerShell.Core and
** the snap-ins an Exchange 2019 server registers (HKLM\SOFTWARE\Microsoft\
** PowerShell\1\PowerShellSnapIns: the Exchange admin snap-in only; the
** Setup snap-in's key is written by Exchange's ServiceControl.ps1 only when
** a patch needs it, and RemoteExchange.ps1 loads the Support tasks as an
** assembly, not as a snap-in). The session keeps only the names added
** (cmd_snapins / cmd_snapin_set of cmdlet.h), so a script's Add-PSSnapin
** is what a later Get-PSSnapin sees.
**
** The logic is Windows PowerShell 5.1's PSSnapInCommands on a console
** session (InitialSessionState): a name that matches nothing is an error
** for Get-PSSnapin and Remove-PSSnapin, and for Add-PSSnapin only with
** wildcards and -PassThru; adding a snap-in twice is quietly accepted;
** Remove-PSSnapin writes nothing even with -PassThru. Messages are
** MshSnapInCmdletResources', MshSnapinInfo's and ConsoleInfoErrorStrings'.
*/
#include "registry.h"
#include "conv.h"
#include "format.h"
#include "text.h"
#include "types.h"
#include "wildcard.h"

#include <stdio.h>
#include <string.h>

/*
** {==================================================================
** The snap-ins: the built-in one and the registered ones
** ===================================================================
*/

/* A PSSnapInInfo's values. */
struct snapin {
    const char *name;
    bool is_default;
    const char *application_base, *assembly_name, *module_name;
    const char *ps_version, *version;
    const char *const *types, *const *formats; /* NULL-terminated */
    const char *description, *vendor;
};

static const char *const no_files[] = {NULL};
static const char *const core_types[] = {"types.ps1xml", "typesv3.ps1xml", NULL};
static const char *const core_formats[] = {
    "Certificate.format.ps1xml",     "DotNetTypes.format.ps1xml", "FileSystem.format.ps1xml",
    "Help.format.ps1xml",            "HelpV3.format.ps1xml",      "PowerShellCore.format.ps1xml",
    "PowerShellTrace.format.ps1xml", "Registry.format.ps1xml",    NULL};

/* PSSnapInReader.ReadCoreEngineSnapIn on Windows Server 2019 ($PSVersionTable.PSVersion). */
static const struct snapin core_snapin = {
    "Microsoft.PowerShell.Core", true, "C:\\Windows\\System32\\WindowsPowerShell\\v1.0",
    "System.Management.Automation, Version=3.0.0.0, Culture=neutral, "
    "PublicKeyToken=31bf3856ad364e35, ProcessorArchitecture=MSIL",
    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\System.Management.Automation.dll",
    "5.1.17763.316", "3.0.0.0", core_types, core_formats,
    "This Windows PowerShell snap-in contains cmdlets used to manage components of Windows "
    "PowerShell.",
    "Microsoft Corporation"};

/* The registered snap-ins, as Exchange 2019 setup writes their registry keys. */
static const struct snapin registered[] = {
    {"Microsoft.Exchange.Management.PowerShell.SnapIn", false,
     "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin",
     "Microsoft.Exchange.PowerShell.Configuration, Version=15.0.0.0, Culture=neutral, "
     "PublicKeyToken=31bf3856ad364e35",
     "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\"
     "Microsoft.Exchange.PowerShell.configuration.dll",
     "1.0", "15.0.0.0", no_files, no_files, "Admin Tasks for the Exchange Server", "Microsoft"},
};
#define NREGISTERED (sizeof registered / sizeof registered[0])

/* The engine modules that were snap-ins before 3.0 (InitialSessionState.IsEngineModule). */
static const char *const engine_modules[] = {
    "Microsoft.PowerShell.Utility",          "Microsoft.PowerShell.Management",
    "Microsoft.PowerShell.Diagnostics",      "Microsoft.PowerShell.Host",
    "Microsoft.PowerShell.Security",         "Microsoft.WSMan.Management",
    "Microsoft.PowerShell.Commands.Utility", "Microsoft.PowerShell.Commands.Management",
    "Microsoft.PowerShell.Commands.Diagnostics", "Microsoft.PowerShell.ConsoleHost",
};

static bool same_name(const char *a, const char *b)
{
    return text_ieq(a, strlen(a), b, strlen(b));
}

static bool wild_match(const char *pattern, const char *name)
{
    return wc_match(pattern, strlen(pattern), name, strlen(name), WC_NONE) == 1;
}

/* The registered snap-in called name (ignoring case), or NULL. */
static const struct snapin *find_registered(const char *name)
{
    for (size_t i = 0; i < NREGISTERED; i++)
        if (same_name(registered[i].name, name))
            return &registered[i];
    return NULL;
}

static bool is_engine_module(const char *name)
{
    for (size_t i = 0; i < sizeof engine_modules / sizeof engine_modules[0]; i++)
        if (same_name(engine_modules[i], name))
            return true;
    return false;
}

/* PSSnapInInfo.IsPSSnapinIdValid: not empty, only letters, digits, '-', '_' and '.'. */
static bool valid_name(const char *name)
{
    if (!*name)
        return false;
    for (; *name; name++)
        if (!(*name >= 'A' && *name <= 'Z') && !(*name >= 'a' && *name <= 'z') &&
            !(*name >= '0' && *name <= '9') && !strchr("-_.", *name))
            return false;
    return true;
}

/* A name GetSnapIns and PSSnapInReader.Read refuse: no wildcards and not valid. */
static bool bad_name(const char *name)
{
    return !wc_has_wildcards(name, strlen(name)) && !valid_name(name);
}

/* A [version] value of text s. */
static val version_of(const char *s)
{
    val v;
    struct conv_error err;
    return conv_to_type(val_str_new(s), TY_VERSION, &v, &err) ? v : val_null();
}

static val file_list(const char *const *files)
{
    val a = val_arr_new();
    for (; *files; files++)
        a = val_arr_push(a, val_str_new(*files));
    return a;
}

/* The System.Management.Automation.PSSnapInInfo object of s. */
static val snapin_info(const struct snapin *s)
{
    val o = val_obj_new("System.Management.Automation.PSSnapInInfo");
    o = val_obj_add_type(o, "System.Object");
    o = val_obj_set(o, "Name", val_str_new(s->name));
    o = val_obj_set(o, "IsDefault", val_bool(s->is_default));
    o = val_obj_set(o, "ApplicationBase", val_str_new(s->application_base));
    o = val_obj_set(o, "AssemblyName", val_str_new(s->assembly_name));
    o = val_obj_set(o, "ModuleName", val_str_new(s->module_name));
    o = val_obj_set(o, "PSVersion", version_of(s->ps_version));
    o = val_obj_set(o, "Version", version_of(s->version));
    o = val_obj_set(o, "Types", file_list(s->types));
    o = val_obj_set(o, "Formats", file_list(s->formats));
    o = val_obj_set(o, "Description", val_str_new(s->description));
    o = val_obj_set(o, "Vendor", val_str_new(s->vendor));
    o = val_obj_set(o, "LogPipelineExecutionDetails", val_bool(false));
    return val_obj_set(o, "\x01ToString", val_str_new(s->name));
}

/*
** The snap-ins of the session in the order Get-PSSnapin lists them: the
** built-in one, then those added, oldest first (pointers into the tables).
** Returns how many; out has room for 1 + NREGISTERED.
*/
static size_t session_snapins(struct cmd_ctx *c, const struct snapin **out)
{
    size_t n = 0;
    out[n++] = &core_snapin;
    val names = cmd_snapins(c);
    for (uint32_t i = 0; i < val_arr_len(names); i++) {
        const struct snapin *s = find_registered(val_str(val_arr_items(names)[i]));
        if (s)
            out[n++] = s;
    }
    val_free(names);
    return n;
}

/* PSSnapInCommandBase.GetSnapIns: the snap-ins of the session, or the registered ones,
** whose names match pattern (NULL: all). */
static size_t matching_snapins(struct cmd_ctx *c, bool registered_only, const char *pattern,
                               const struct snapin **out)
{
    const struct snapin *all[1 + NREGISTERED];
    size_t n = 0, k = 0;
    if (registered_only)
        for (size_t i = 0; i < NREGISTERED; i++)
            all[n++] = &registered[i];
    else
        n = session_snapins(c, all);
    for (size_t i = 0; i < n; i++)
        if (!pattern || wild_match(pattern, all[i]->name))
            out[k++] = all[i];
    return k;
}

/* }================================================================== */

/*
** {==================================================================
** Errors and the view
** ===================================================================
*/

#define E_ARG "System.Management.Automation.PSArgumentException"

/* A non-terminating error of these cmdlets: an argument exception about `target`, the
** {0} of its resource text (if any) replaced by name. */
static enum ev snapin_error(struct cmd_ctx *c, const char *id, const char *target,
                            const char *name, const char *text)
{
    struct buf m = BUF_INIT;
    const char *hole = strstr(text, "{0}");
    if (hole) {
        buf_add(&m, text, (size_t)(hole - text));
        buf_puts(&m, name);
        text = hole + 3;
    }
    buf_puts(&m, text);
    val t = val_str_new(target);
    enum ev r = cmd_error(c, id, "InvalidArgument", E_ARG, t, buf_cstr(&m));
    val_free(t);
    buf_release(&m);
    return r;
}

/* MshSnapInCmdletResources.InvalidPSSnapInName (its argument is not in the text) */
#define INVALID_NAME                                                                       \
    "The format of the specified snap-in name was not valid.  Windows PowerShell snap-in " \
    "names can only contain alpha-numeric characters, dashes, underscores and periods. "  \
    "Correct the name and then try the operation again."

/* MshSnapInCmdletResources.NoPSSnapInsFound */
static enum ev not_found(struct cmd_ctx *c, const char *pattern)
{
    return snapin_error(c, "NoPSSnapInsFound", pattern, pattern,
                        "No Windows PowerShell snap-ins matching the pattern '{0}' were found. "
                        "Check the pattern and then try the command again.");
}

/* PowerShellCore.format.ps1xml: a list of Name, PSVersion and Description. */
static const char *const snapin_types[] = {"System.Management.Automation.PSSnapInInfo", NULL};
static const struct fmt_item snapin_items[] = {
    {NULL, "Name", NULL, NULL},
    {NULL, "PSVersion", NULL, NULL},
    {NULL, "Description", NULL, NULL},
};
static const struct fmt_view snapin_view = {.name = "PSSnapInInfo", .types = snapin_types,
                                            .shape = FMT_SHAPE_LIST, .items = snapin_items,
                                            .nitems = 3};

/* Registers the PSSnapInInfo view, once. */
static void snapin_views(void)
{
    static bool done;
    if (!done) {
        done = true;
        fmt_register_view(&snapin_view);
    }
}

/* The strings of a String[] parameter (a new array; empty when unbound). */
static val names_arg(struct cmd_ctx *c, uint16_t i)
{
    val v = cmd_arg(c, i);
    if (val_kind(v) == VAL_ARRAY)
        return val_copy(v);
    val a = val_arr_new();
    if (!val_is_null(v) && val_kind(v) != VAL_NOTHING)
        a = val_arr_push(a, val_copy(v));
    return a;
}

/* The i-th name of names as text, into b. */
static const char *name_at(val names, uint32_t i, struct buf *b)
{
    b->len = 0;
    conv_str(val_arr_items(names)[i], b);
    return buf_cstr(b);
}

/* }================================================================== */

/* {=== Get-PSSnapin ===*/

enum { GS_NAME, GS_REGISTERED };

/* Runs in begin, as GetPSSnapinCommand.BeginProcessing does. */
static enum ev get_pssnapin_begin(struct cmd_ctx *c)
{
    snapin_views();
    bool registered_only = cmd_switch(c, GS_REGISTERED);
    const struct snapin *found[1 + NREGISTERED];
    enum ev rc = EV_OK;
    if (!cmd_bound(c, GS_NAME) || val_is_null(cmd_arg(c, GS_NAME))) {
        size_t n = matching_snapins(c, registered_only, NULL, found);
        for (size_t k = 0; k < n && !rc; k++)
            rc = cmd_write(c, snapin_info(found[k]));
        return rc;
    }
    val names = names_arg(c, GS_NAME);
    struct buf b = BUF_INIT;
    for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
        const char *pattern = name_at(names, i, &b);
        if (bad_name(pattern)) {
            rc = snapin_error(c, "GetPSSnapInRead", pattern, pattern, INVALID_NAME);
            continue;
        }
        size_t n = matching_snapins(c, registered_only, pattern, found);
        if (!n)
            rc = not_found(c, pattern);
        for (size_t k = 0; k < n && !rc; k++)
            rc = cmd_write(c, snapin_info(found[k]));
    }
    buf_release(&b);
    val_free(names);
    return rc;
}

CMDLET_DEFINE(cmd_get_pssnapin, .begin = get_pssnapin_begin);

/* }=== */

/* {=== Add-PSSnapin ===*/

enum { AS_NAME, AS_PASSTHRU };

/* AddPSSnapIns: adds one snap-in by its exact name. */
static enum ev add_one(struct cmd_ctx *c, const char *name, bool passthru)
{
    if (is_engine_module(name))
        return snapin_error(c, "LoadSystemSnapinAsModule", name, name,
                            "Cannot add Windows PowerShell snap-in {0} because it is a system "
                            "Windows PowerShell module. Use Import-Module to load the module.");
    if (!valid_name(name))
        return snapin_error(c, "AddPSSnapInRead", name, name, INVALID_NAME);
    const struct snapin *s = find_registered(name);
    if (!s)
        return snapin_error(c, "AddPSSnapInRead", name, name,
                            "The Windows PowerShell snap-in '{0}' is not installed on this "
                            "computer.");
    cmd_snapin_set(c, s->name, true); /* one already added stays as it is */
    return passthru ? cmd_write(c, snapin_info(s)) : EV_OK;
}

static enum ev add_pssnapin_process(struct cmd_ctx *c, val input)
{
    (void)input;
    snapin_views();
    bool passthru = cmd_switch(c, AS_PASSTHRU);
    val names = names_arg(c, AS_NAME);
    struct buf b = BUF_INIT;
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
        const char *pattern = name_at(names, i, &b);
        if (!wc_has_wildcards(pattern, strlen(pattern))) {
            rc = add_one(c, pattern, passthru);
            continue;
        }
        const struct snapin *found[NREGISTERED];
        size_t n = matching_snapins(c, true, pattern, found);
        if (!n && passthru)
            rc = not_found(c, pattern);
        for (size_t k = 0; k < n && !rc; k++)
            rc = add_one(c, found[k]->name, passthru);
    }
    buf_release(&b);
    val_free(names);
    return rc;
}

CMDLET_DEFINE(cmd_add_pssnapin, .process = add_pssnapin_process);

/* }=== */

/* {=== Remove-PSSnapin ===*/

enum { RS_NAME, RS_PASSTHRU };

static enum ev remove_pssnapin_process(struct cmd_ctx *c, val input)
{
    (void)input;
    snapin_views();
    val names = names_arg(c, RS_NAME);
    struct buf b = BUF_INIT;
    enum ev rc = EV_OK;
    for (uint32_t i = 0; i < val_arr_len(names) && !rc; i++) {
        const char *pattern = name_at(names, i, &b);
        if (bad_name(pattern)) {
            /* GetSnapIns throws outside ProcessRecord's handlers: the command ends */
            rc = cmd_throw(c, "Argument", "InvalidArgument", E_ARG, val_nothing(), INVALID_NAME);
            break;
        }
        const struct snapin *found[1 + NREGISTERED];
        size_t n = matching_snapins(c, false, pattern, found);
        if (!n)
            rc = not_found(c, pattern);
        for (size_t k = 0; k < n && !rc; k++) {
            bool yes;
            rc = cmd_should_process(c, found[k]->name, "Remove-PSSnapin", &yes);
            if (rc || !yes)
                continue;
            if (found[k]->is_default)
                rc = snapin_error(c, "RemovePSSnapIn", pattern, found[k]->name,
                                  "Cannot remove the Windows PowerShell snap-in {0} because it is "
                                  "a system snap-in. Verify the name of the snap-in that you want "
                                  "to remove, and then try again.");
            else
                cmd_snapin_set(c, found[k]->name, false);
        }
    }
    buf_release(&b);
    val_free(names);
    return rc;
}

CMDLET_DEFINE(cmd_remove_pssnapin, .process = remove_pssnapin_process);

/* }=== */
