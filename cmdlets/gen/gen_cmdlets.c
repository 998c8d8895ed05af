/*
** gen_cmdlets.c - turns cmdlets/meta/<Name>.json into cmdlets.def.
**
** A host tool in the manner of SQLite's mkkeywordhash.c and Redis's
** generate-command-code.py: CMake builds it, runs it over every metadata
** file and compiles its output into the cmdlet table. It reads JSON with
** jansson, validates the whole set first and writes nothing unless all of
** it is valid, so a bad file fails the build with a message naming it:
**
**     cmdlets/meta/Get-Foo.json: set 'Identity': position 0 is used by both 'Identity' and 'Name'
**
** What is checked: required and unknown keys and their JSON types; the file
** is named after the cmdlet and the name is Verb-Noun; no two cmdlets share
** a name, an alias or a handler (names and aliases compared ignoring case);
** parameter names and aliases are unique within a cmdlet and do not clash
** with the common parameters; every set a parameter names is declared; at
** most one default set; positions are unique within a set and a switch is
** never positional (a mandatory positional parameter may follow an optional
** one, as Invoke-Command's [[-ComputerName] <String[]>] [-ScriptBlock]
** <ScriptBlock> does); every set is reachable (it is the default,
** or some parameter belongs to it and not to every set); every cmdlet names
** a handler and has at least one example. A cmdlet with the Backend flag
** may leave out its handler: it then gets cmd_org_<verb>_<noun> (lower
** case), listed as ORG_HANDLER(h), which registry.c defines with the
** generic callbacks of c_org.c that ship the call to the backend.
**
** The output is an X-macro list (see the comment emitted at its top) sorted
** by cmdlet name, ignoring case, with a lookup list of names and aliases in
** the same order, so that registry.c can binary-search it. Nothing here
** links with the rest of emsh: the tool must build before the tree does.
*/
#include "gen_cmdlets.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SETS 32

/*
** {==================================================================
** The model, borrowing its strings from the parsed JSON documents
** ===================================================================
*/

struct gentry {
    int set; /* index into the cmdlet's sets, or -1 for __AllParameterSets */
    bool mandatory;
    int position; /* -1: named */
    unsigned pipeline;
    bool remaining;
};

struct gparam {
    const char *name;
    const char **aliases;
    size_t naliases;
    const char *type;
    const char *ty; /* the TY_ constant */
    unsigned flags; /* PF_ bits, below */
    const char **values;
    size_t nvalues;
    const char *help;
    const char *deflt;
    struct gentry *entries;
    size_t nentries;
};

struct gexample {
    const char *title, *script, *output;
};

struct gcmd {
    const char *file;
    const char *name, *verb, *noun, *synopsis, *description, *handler, *output_type;
    char *synth_handler; /* the handler made up for a Backend cmdlet without one (owned) */
    const char **aliases;
    size_t naliases;
    unsigned flags;
    const char *impact;
    const char *sets[MAX_SETS];
    size_t nsets;
    int default_set;    /* -1: none */
    bool all_sets_only; /* the only set is __AllParameterSets */
    struct gparam *params;
    size_t nparams;
    struct gexample *examples;
    size_t nexamples;
};

enum {
    PF_SWITCH = 1,
    PF_WILDCARD = 2,
    PF_DYNAMIC = 4,
    PF_ARRAY = 8,
    PF_ENUM = 16,
    PF_MULTIVALUED = 32,
    PF_ALLOW_NULL = 64,
    PF_ALLOW_EMPTY_STRING = 128,
    PF_ALLOW_EMPTY_COLLECTION = 256
};
enum { CF_SHOULD_PROCESS = 1, CF_BACKEND = 2 };
enum { PIPE_BY_VALUE = 1, PIPE_BY_NAME = 2 };

static const char *const pf_names[] = {"PF_SWITCH",
                                       "PF_WILDCARD",
                                       "PF_DYNAMIC",
                                       "PF_ARRAY",
                                       "PF_ENUM",
                                       "PF_MULTIVALUED",
                                       "PF_ALLOW_NULL",
                                       "PF_ALLOW_EMPTY_STRING",
                                       "PF_ALLOW_EMPTY_COLLECTION"};

/* The common parameters every cmdlet has, and those of ShouldProcess cmdlets. */
static const char *const common_names[] = {"Verbose",
                                           "vb",
                                           "Debug",
                                           "db",
                                           "ErrorAction",
                                           "ea",
                                           "WarningAction",
                                           "wa",
                                           "InformationAction",
                                           "infa",
                                           "ErrorVariable",
                                           "ev",
                                           "WarningVariable",
                                           "wv",
                                           "InformationVariable",
                                           "iv",
                                           "OutVariable",
                                           "ov",
                                           "OutBuffer",
                                           "ob",
                                           "PipelineVariable",
                                           "pv",
                                           "WhatIf",
                                           "wi",
                                           "Confirm",
                                           "cf",
                                           NULL};

struct gen {
    FILE *err;
    int nerr;
    json_t **docs;
    size_t ndocs;
    struct gcmd *cmds;
    size_t ncmds;
    char **paths; /* owned copies of the file names */
    size_t npaths;
};

/* }================================================================== */

static void fail(struct gen *g, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(struct gen *g, const char *file, const char *fmt, ...)
{
    va_list ap;
    fprintf(g->err, "%s: ", file);
    va_start(ap, fmt);
    vfprintf(g->err, fmt, ap);
    va_end(ap);
    fputc('\n', g->err);
    g->nerr++;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fputs("gen_cmdlets: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static int ascii_icmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
}

static bool is_c_ident(const char *s)
{
    if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
        return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_'))
            return false;
    return true;
}

static bool is_ascii_name(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7e)
            return false;
    return true;
}

/*
** {==================================================================
** Reading one file
** ===================================================================
*/

/* Reports keys of `o` that are not in `known` (NULL-terminated). */
static void check_keys(struct gen *g, const char *file, const char *where, json_t *o,
                       const char *const *known)
{
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        size_t i;
        for (i = 0; known[i]; i++)
            if (!strcmp(known[i], key))
                break;
        if (!known[i])
            fail(g, file, "%sunknown key '%s'", where, key);
    }
}

/* A string member; NULL (and an error if required) when absent or not a string. */
static const char *get_str(struct gen *g, const char *file, const char *where, json_t *o,
                           const char *key, bool required)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (required)
            fail(g, file, "%smissing required key '%s'", where, key);
        return NULL;
    }
    if (!json_is_string(v)) {
        fail(g, file, "%skey '%s' must be a string", where, key);
        return NULL;
    }
    return json_string_value(v);
}

static bool get_bool(struct gen *g, const char *file, const char *where, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return false;
    if (!json_is_boolean(v)) {
        fail(g, file, "%skey '%s' must be true or false", where, key);
        return false;
    }
    return json_is_true(v);
}

/* An array of strings; *n gets its length. Returns NULL when absent. */
static const char **get_strs(struct gen *g, const char *file, const char *where, json_t *o,
                             const char *key, size_t *n)
{
    json_t *v = json_object_get(o, key);
    *n = 0;
    if (!v)
        return NULL;
    if (!json_is_array(v)) {
        fail(g, file, "%skey '%s' must be an array of strings", where, key);
        return NULL;
    }
    const char **out = xcalloc(json_array_size(v) + 1, sizeof *out);
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e)
    {
        if (!json_is_string(e) || !*json_string_value(e)) {
            fail(g, file, "%skey '%s' must be an array of non-empty strings", where, key);
            continue;
        }
        out[(*n)++] = json_string_value(e);
    }
    return out;
}

/* The TY_ constant and PF_ flags for a documented type name. */
static const char *map_type(const char *type, unsigned *flags)
{
    static const struct {
        const char *name, *ty;
    } map[] = {
        {"String", "TY_STRING"},
        {"Char", "TY_CHAR"},
        {"Boolean", "TY_BOOL"},
        {"Bool", "TY_BOOL"},
        {"Byte", "TY_BYTE"},
        {"SByte", "TY_SBYTE"},
        {"Int16", "TY_INT16"},
        {"UInt16", "TY_UINT16"},
        {"Int32", "TY_INT"},
        {"Int", "TY_INT"},
        {"UInt32", "TY_UINT32"},
        {"Int64", "TY_LONG"},
        {"Long", "TY_LONG"},
        {"UInt64", "TY_UINT64"},
        {"Single", "TY_SINGLE"},
        {"Double", "TY_DOUBLE"},
        {"Decimal", "TY_DECIMAL"},
        {"DateTime", "TY_DATETIME"},
        {"TimeSpan", "TY_TIMESPAN"},
        {"EnhancedTimeSpan", "TY_TIMESPAN"}, /* Exchange's TimeSpan: the same text forms */
        {"Guid", "TY_GUID"},
        {"ByteQuantifiedSize", "TY_BYTESIZE"},
        {"Object", "TY_OBJECT"},
        {"PSObject", "TY_PSOBJECT"},
        {"Hashtable", "TY_HASHTABLE"},
        {"ScriptBlock", "TY_SCRIPTBLOCK"},
        {"SwitchParameter", "TY_SWITCH"},
        {"Type", "TY_TYPE"},
        {"Version", "TY_VERSION"},
        {"IPAddress", "TY_IPADDRESS"},
        {"Uri", "TY_URI"},
    };
    char base[256];
    size_t n = strlen(type);
    if (n >= 2 && !strcmp(type + n - 2, "[]")) {
        *flags |= PF_ARRAY;
        n -= 2;
    }
    if (n >= sizeof base)
        n = sizeof base - 1;
    memcpy(base, type, n);
    base[n] = '\0';
    const char *b = base;
    if (!strncmp(b, "System.Management.Automation.", 29))
        b += 29;
    else if (!strncmp(b, "System.", 7))
        b += 7;
    if (!strcmp(b, "MultiValuedProperty")) {
        *flags |= PF_ARRAY | PF_MULTIVALUED;
        return "TY_OBJECT";
    }
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!ascii_icmp(map[i].name, b)) {
            if (!strcmp(map[i].ty, "TY_SWITCH"))
                *flags |= PF_SWITCH;
            return map[i].ty;
        }
    return "TY_OBJECT";
}

static int set_index(const struct gcmd *c, const char *name)
{
    for (size_t i = 0; i < c->nsets; i++)
        if (!strcmp(c->sets[i], name))
            return (int)i;
    return -2;
}

static void read_entries(struct gen *g, struct gcmd *c, struct gparam *p, json_t *jp,
                         const char *where)
{
    static const char *const known[] = {"set",      "mandatory", "position",
                                        "pipeline", "remaining", NULL};
    json_t *sets = json_object_get(jp, "sets");
    if (!sets) {
        p->entries = xcalloc(1, sizeof *p->entries);
        p->entries[0] = (struct gentry){.set = -1, .position = -1};
        p->nentries = 1;
        return;
    }
    if (!json_is_array(sets) || !json_array_size(sets)) {
        fail(g, c->file, "%skey 'sets' must be a non-empty array", where);
        return;
    }
    p->entries = xcalloc(json_array_size(sets), sizeof *p->entries);
    size_t i;
    json_t *e;
    json_array_foreach(sets, i, e)
    {
        if (!json_is_object(e)) {
            fail(g, c->file, "%ssets[%zu] must be an object", where, i);
            continue;
        }
        check_keys(g, c->file, where, e, known);
        struct gentry *en = &p->entries[p->nentries];
        *en = (struct gentry){.set = -1, .position = -1};
        const char *set = get_str(g, c->file, where, e, "set", true);
        if (!set)
            continue;
        if (strcmp(set, "__AllParameterSets") != 0 || !c->all_sets_only) {
            if (!strcmp(set, "__AllParameterSets"))
                en->set = -1;
            else if ((en->set = set_index(c, set)) < 0) {
                fail(g, c->file, "%sset '%s' is not declared in parameterSets", where, set);
                continue;
            }
        }
        for (size_t k = 0; k < p->nentries; k++)
            if (p->entries[k].set == en->set) {
                fail(g, c->file, "%sset '%s' is listed twice", where, set);
                break;
            }
        en->mandatory = get_bool(g, c->file, where, e, "mandatory");
        en->remaining = get_bool(g, c->file, where, e, "remaining");
        json_t *pos = json_object_get(e, "position");
        if (pos && !json_is_null(pos)) {
            if (!json_is_integer(pos)) {
                fail(g, c->file, "%skey 'position' must be an integer or null", where);
            } else if (json_integer_value(pos) < 0 || json_integer_value(pos) > 127) {
                fail(g, c->file, "%sposition %lld is out of range (0 to 127)", where,
                     (long long)json_integer_value(pos));
            } else {
                en->position = (int)json_integer_value(pos);
            }
        }
        const char *pipe = get_str(g, c->file, where, e, "pipeline", false);
        if (pipe && strcmp(pipe, "none") != 0) {
            if (!strcmp(pipe, "byValue"))
                en->pipeline = PIPE_BY_VALUE;
            else if (!strcmp(pipe, "byPropertyName"))
                en->pipeline = PIPE_BY_NAME;
            else if (!strcmp(pipe, "byValue,byPropertyName"))
                en->pipeline = PIPE_BY_VALUE | PIPE_BY_NAME;
            else
                fail(
                    g, c->file,
                    "%sunknown pipeline '%s' (none, byValue, byPropertyName or byValue,byPropertyName)",
                    where, pipe);
        }
        p->nentries++;
    }
}

static void read_param(struct gen *g, struct gcmd *c, struct gparam *p, json_t *jp, size_t idx)
{
    static const char *const known[] = {"name",
                                        "type",
                                        "aliases",
                                        "switch",
                                        "wildcard",
                                        "dynamic",
                                        "validValues",
                                        "enumValues",
                                        "multiValued",
                                        "allowNull",
                                        "allowEmptyString",
                                        "allowEmptyCollection",
                                        "help",
                                        "default",
                                        "sets",
                                        NULL};
    char where[300];
    if (!json_is_object(jp)) {
        fail(g, c->file, "parameters[%zu] must be an object", idx);
        return;
    }
    p->name = get_str(g, c->file, "", jp, "name", false);
    if (!p->name) {
        fail(g, c->file, "parameters[%zu]: missing required key 'name'", idx);
        return;
    }
    snprintf(where, sizeof where, "parameter '%s': ", p->name);
    check_keys(g, c->file, where, jp, known);
    if (!is_ascii_name(p->name))
        fail(g, c->file, "%sthe name must be printable ASCII without spaces", where);
    p->type = get_str(g, c->file, where, jp, "type", true);
    p->ty = p->type ? map_type(p->type, &p->flags) : "TY_OBJECT";
    p->aliases = get_strs(g, c->file, where, jp, "aliases", &p->naliases);
    bool sw = get_bool(g, c->file, where, jp, "switch");
    if (json_object_get(jp, "switch") && sw != ((p->flags & PF_SWITCH) != 0))
        fail(g, c->file, "%sswitch is %s but the type is '%s'", where, sw ? "true" : "false",
             p->type ? p->type : "?");
    if (get_bool(g, c->file, where, jp, "wildcard"))
        p->flags |= PF_WILDCARD;
    if (get_bool(g, c->file, where, jp, "dynamic"))
        p->flags |= PF_DYNAMIC;
    if (get_bool(g, c->file, where, jp, "multiValued"))
        p->flags |= PF_ARRAY | PF_MULTIVALUED;
    if (get_bool(g, c->file, where, jp, "allowNull"))
        p->flags |= PF_ALLOW_NULL;
    if (get_bool(g, c->file, where, jp, "allowEmptyString"))
        p->flags |= PF_ALLOW_EMPTY_STRING;
    if (get_bool(g, c->file, where, jp, "allowEmptyCollection"))
        p->flags |= PF_ALLOW_EMPTY_COLLECTION;
    size_t nv = 0, ne = 0;
    const char **vv = get_strs(g, c->file, where, jp, "validValues", &nv);
    const char **ev = get_strs(g, c->file, where, jp, "enumValues", &ne);
    if (vv && ev) {
        fail(g, c->file, "%sboth validValues and enumValues are given", where);
        free(ev);
        ev = NULL;
        ne = 0;
    }
    p->values = vv ? vv : ev;
    p->nvalues = vv ? nv : ne;
    if (ev) {
        p->flags |= PF_ENUM;
        free(vv);
    }
    if (p->values && !p->nvalues)
        fail(g, c->file, "%sthe list of valid values is empty", where);
    for (size_t i = 0; i < p->nvalues; i++)
        for (size_t k = 0; k < i; k++)
            if (!ascii_icmp(p->values[i], p->values[k]))
                fail(g, c->file, "%svalid value '%s' is listed twice", where, p->values[i]);
    if ((p->flags & PF_SWITCH) && p->values)
        fail(g, c->file, "%sa switch parameter has no valid values", where);
    p->help = get_str(g, c->file, where, jp, "help", false);
    p->deflt = get_str(g, c->file, where, jp, "default", false);
    read_entries(g, c, p, jp, where);
}

static void read_sets(struct gen *g, struct gcmd *c, json_t *root)
{
    static const char *const known[] = {"name", "isDefault", NULL};
    json_t *sets = json_object_get(root, "parameterSets");
    c->default_set = -1;
    if (!sets || (json_is_array(sets) && !json_array_size(sets))) {
        c->sets[0] = "__AllParameterSets";
        c->nsets = 1;
        c->default_set = 0;
        c->all_sets_only = true;
        return;
    }
    if (!json_is_array(sets)) {
        fail(g, c->file, "key 'parameterSets' must be an array");
        return;
    }
    if (json_array_size(sets) > MAX_SETS) {
        fail(g, c->file, "too many parameter sets (%zu, the limit is %d)", json_array_size(sets),
             MAX_SETS);
        return;
    }
    size_t i;
    json_t *e;
    json_array_foreach(sets, i, e)
    {
        if (!json_is_object(e)) {
            fail(g, c->file, "parameterSets[%zu] must be an object", i);
            continue;
        }
        check_keys(g, c->file, "parameterSets: ", e, known);
        const char *name = get_str(g, c->file, "parameterSets: ", e, "name", true);
        if (!name)
            continue;
        if (set_index(c, name) >= 0) {
            fail(g, c->file, "parameter set '%s' is declared twice", name);
            continue;
        }
        if (get_bool(g, c->file, "parameterSets: ", e, "isDefault")) {
            if (c->default_set >= 0)
                fail(g, c->file, "more than one default parameter set ('%s' and '%s')",
                     c->sets[c->default_set], name);
            else
                c->default_set = (int)c->nsets;
        }
        c->sets[c->nsets++] = name;
    }
    if (set_index(c, "__AllParameterSets") >= 0) {
        if (c->nsets > 1)
            fail(g, c->file, "'__AllParameterSets' cannot be declared beside named parameter sets");
        else {
            c->all_sets_only = true;
            c->default_set = 0;
        }
    }
    if (c->nsets == 1 && c->default_set < 0)
        c->default_set = 0;
}

static void read_examples(struct gen *g, struct gcmd *c, json_t *root)
{
    static const char *const known[] = {"title", "script", "output", NULL};
    json_t *ex = json_object_get(root, "examples");
    if (!ex || (json_is_array(ex) && !json_array_size(ex))) {
        fail(g, c->file, "at least one example is required");
        return;
    }
    if (!json_is_array(ex)) {
        fail(g, c->file, "key 'examples' must be an array");
        return;
    }
    if (json_array_size(ex) > 255) {
        fail(g, c->file, "too many examples (the limit is 255)");
        return;
    }
    c->examples = xcalloc(json_array_size(ex), sizeof *c->examples);
    size_t i;
    json_t *e;
    json_array_foreach(ex, i, e)
    {
        char where[64];
        snprintf(where, sizeof where, "examples[%zu]: ", i);
        if (!json_is_object(e)) {
            fail(g, c->file, "%smust be an object", where);
            continue;
        }
        check_keys(g, c->file, where, e, known);
        struct gexample *x = &c->examples[c->nexamples++];
        x->title = get_str(g, c->file, where, e, "title", false);
        x->script = get_str(g, c->file, where, e, "script", true);
        x->output = get_str(g, c->file, where, e, "output", true);
    }
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void read_cmd(struct gen *g, struct gcmd *c, json_t *root)
{
    static const char *const known[] = {"name",          "verb",       "noun",    "synopsis",
                                        "description",   "aliases",    "flags",   "confirmImpact",
                                        "parameterSets", "parameters", "handler", "outputType",
                                        "examples",      "since",      NULL};
    if (!json_is_object(root)) {
        fail(g, c->file, "the top level must be an object");
        return;
    }
    check_keys(g, c->file, "", root, known);
    c->name = get_str(g, c->file, "", root, "name", true);
    c->verb = get_str(g, c->file, "", root, "verb", true);
    c->noun = get_str(g, c->file, "", root, "noun", true);
    c->synopsis = get_str(g, c->file, "", root, "synopsis", true);
    c->description = get_str(g, c->file, "", root, "description", false);
    c->handler = get_str(g, c->file, "", root, "handler", false);
    c->output_type = get_str(g, c->file, "", root, "outputType", false);
    get_str(g, c->file, "", root, "since", false);
    c->aliases = get_strs(g, c->file, "", root, "aliases", &c->naliases);
    if (c->name) {
        char expect[512];
        snprintf(expect, sizeof expect, "%s.json", c->name);
        if (strcmp(base_name(c->file), expect) != 0)
            fail(g, c->file, "the file name does not match the cmdlet name '%s' (expected %s)",
                 c->name, expect);
        const char *dash = strchr(c->name, '-');
        if (!is_ascii_name(c->name) || !dash || dash == c->name || !dash[1] ||
            strchr(dash + 1, '-'))
            fail(g, c->file, "cmdlet name '%s' is not of the form Verb-Noun", c->name);
        else if (c->verb && c->noun &&
                 (strlen(c->verb) != (size_t)(dash - c->name) ||
                  strncmp(c->verb, c->name, strlen(c->verb)) || strcmp(c->noun, dash + 1)))
            fail(g, c->file, "name '%s' does not match verb '%s' and noun '%s'", c->name, c->verb,
                 c->noun);
    }
    for (size_t i = 0; i < c->naliases; i++)
        if (!is_ascii_name(c->aliases[i]))
            fail(g, c->file, "alias '%s' must be printable ASCII without spaces", c->aliases[i]);
    size_t nflags = 0;
    const char **flags = get_strs(g, c->file, "", root, "flags", &nflags);
    for (size_t i = 0; i < nflags; i++) {
        if (!strcmp(flags[i], "ShouldProcess"))
            c->flags |= CF_SHOULD_PROCESS;
        else if (!strcmp(flags[i], "Backend"))
            c->flags |= CF_BACKEND;
        else
            fail(g, c->file, "unknown flag '%s' (ShouldProcess or Backend)", flags[i]);
    }
    free(flags);
    /* a Backend cmdlet without a handler gets the generic one: cmd_org_<verb>_<noun> */
    if (!c->handler && (c->flags & CF_BACKEND) && c->verb && c->noun) {
        size_t n = strlen(c->verb) + strlen(c->noun) + 10;
        c->synth_handler = xcalloc(n, 1);
        snprintf(c->synth_handler, n, "cmd_org_%s_%s", c->verb, c->noun);
        for (char *q = c->synth_handler; *q; q++)
            *q = (char)tolower((unsigned char)*q);
        c->handler = c->synth_handler;
    } else if (!c->handler && (!json_object_get(root, "handler") ||
                               json_is_null(json_object_get(root, "handler")))) {
        fail(g, c->file, "missing required key 'handler'");
    }
    if (c->handler && !is_c_ident(c->handler))
        fail(g, c->file, "handler '%s' is not a C identifier", c->handler);
    c->impact = "IMPACT_NONE";
    const char *impact = get_str(g, c->file, "", root, "confirmImpact", false);
    if (impact) {
        if (!strcmp(impact, "None"))
            c->impact = "IMPACT_NONE";
        else if (!strcmp(impact, "Low"))
            c->impact = "IMPACT_LOW";
        else if (!strcmp(impact, "Medium"))
            c->impact = "IMPACT_MEDIUM";
        else if (!strcmp(impact, "High"))
            c->impact = "IMPACT_HIGH";
        else
            fail(g, c->file, "unknown confirmImpact '%s' (None, Low, Medium or High)", impact);
    }
    read_sets(g, c, root);
    json_t *params = json_object_get(root, "parameters");
    if (!params) {
        fail(g, c->file, "missing required key 'parameters'");
    } else if (!json_is_array(params)) {
        fail(g, c->file, "key 'parameters' must be an array");
    } else if (json_array_size(params) > 250) {
        fail(g, c->file, "too many parameters (the limit is 250)");
    } else {
        c->params = xcalloc(json_array_size(params), sizeof *c->params);
        size_t i;
        json_t *jp;
        json_array_foreach(params, i, jp)
        {
            read_param(g, c, &c->params[c->nparams], jp, i);
            if (c->params[c->nparams].name)
                c->nparams++;
        }
    }
    read_examples(g, c, root);
}

/* }================================================================== */

/*
** {==================================================================
** Checks across parameters and across cmdlets
** ===================================================================
*/

/* Is parameter p in set s (an index), and with which entry? */
static const struct gentry *entry_in(const struct gparam *p, int s)
{
    const struct gentry *all = NULL;
    for (size_t i = 0; i < p->nentries; i++) {
        if (p->entries[i].set == s)
            return &p->entries[i];
        if (p->entries[i].set == -1)
            all = &p->entries[i];
    }
    return all;
}

static void check_cmd(struct gen *g, const struct gcmd *c)
{
    /* names and aliases of parameters, and the common parameters */
    for (size_t i = 0; i < c->nparams; i++) {
        const struct gparam *p = &c->params[i];
        for (size_t k = 0; common_names[k]; k++)
            if (!ascii_icmp(p->name, common_names[k]))
                fail(g, c->file, "parameter '%s' is a common parameter%s", p->name,
                     k >= 22 ? " (use the flag ShouldProcess)" : "");
        for (size_t a = 0; a < p->naliases; a++)
            for (size_t k = 0; common_names[k]; k++)
                if (!ascii_icmp(p->aliases[a], common_names[k]))
                    fail(g, c->file, "parameter '%s': alias '%s' is a common parameter", p->name,
                         p->aliases[a]);
        for (size_t j = 0; j < i; j++) {
            const struct gparam *q = &c->params[j];
            if (!ascii_icmp(p->name, q->name))
                fail(g, c->file, "parameter '%s' is declared twice", p->name);
            for (size_t a = 0; a < q->naliases; a++)
                if (!ascii_icmp(p->name, q->aliases[a]))
                    fail(g, c->file, "parameter '%s' has the name of an alias of '%s'", p->name,
                         q->name);
            for (size_t a = 0; a < p->naliases; a++) {
                if (!ascii_icmp(p->aliases[a], q->name))
                    fail(g, c->file, "parameter '%s': alias '%s' is the name of another parameter",
                         p->name, p->aliases[a]);
                for (size_t b = 0; b < q->naliases; b++)
                    if (!ascii_icmp(p->aliases[a], q->aliases[b]))
                        fail(g, c->file, "parameter '%s': alias '%s' is also an alias of '%s'",
                             p->name, p->aliases[a], q->name);
            }
        }
        for (size_t a = 0; a < p->naliases; a++)
            for (size_t b = 0; b < a; b++)
                if (!ascii_icmp(p->aliases[a], p->aliases[b]))
                    fail(g, c->file, "parameter '%s': alias '%s' is listed twice", p->name,
                         p->aliases[a]);
        for (size_t e = 0; e < p->nentries; e++) {
            const struct gentry *en = &p->entries[e];
            if ((p->flags & PF_SWITCH) && en->position >= 0)
                fail(g, c->file, "parameter '%s': a switch parameter cannot be positional",
                     p->name);
        }
    }
    /* per set: positions and reachability */
    for (size_t s = 0; s < c->nsets; s++) {
        const char *sname = c->sets[s];
        const struct gparam *at[128] = {0};
        for (size_t i = 0; i < c->nparams; i++) {
            const struct gentry *en = entry_in(&c->params[i], (int)s);
            if (!en || en->position < 0)
                continue;
            if (at[en->position])
                fail(g, c->file, "set '%s': position %d is used by both '%s' and '%s'", sname,
                     en->position, at[en->position]->name, c->params[i].name);
            else
                at[en->position] = &c->params[i];
        }
        if (c->all_sets_only || (int)s == c->default_set || c->nsets == 1)
            continue;
        bool reachable = false;
        for (size_t i = 0; i < c->nparams && !reachable; i++) {
            const struct gparam *p = &c->params[i];
            bool in_s = false, in_all = true;
            for (size_t e = 0; e < p->nentries; e++)
                if (p->entries[e].set == (int)s)
                    in_s = true;
            for (size_t t = 0; t < c->nsets; t++) {
                bool in_t = false;
                for (size_t e = 0; e < p->nentries; e++)
                    if (p->entries[e].set == (int)t || p->entries[e].set == -1)
                        in_t = true;
                if (!in_t)
                    in_all = false;
            }
            if (in_s && !in_all)
                reachable = true;
        }
        if (!reachable)
            fail(
                g, c->file,
                "set '%s' is not reachable: it is not the default and no parameter belongs to it without belonging to every set",
                sname);
    }
}

struct name_ref {
    const char *name;
    size_t cmd;
    bool alias;
};

static int cmp_ref(const void *a, const void *b)
{
    const struct name_ref *x = a, *y = b;
    int r = ascii_icmp(x->name, y->name);
    return r ? r : (x->alias != y->alias ? (x->alias ? 1 : -1) : 0);
}

static int cmp_cmd(const void *a, const void *b)
{
    const struct gcmd *x = a, *y = b;
    return ascii_icmp(x->name ? x->name : "", y->name ? y->name : "");
}

static void check_all(struct gen *g)
{
    size_t nrefs = 0;
    for (size_t i = 0; i < g->ncmds; i++)
        nrefs += 1 + g->cmds[i].naliases;
    struct name_ref *refs = xcalloc(nrefs, sizeof *refs);
    size_t n = 0;
    for (size_t i = 0; i < g->ncmds; i++) {
        const struct gcmd *c = &g->cmds[i];
        if (c->name)
            refs[n++] = (struct name_ref){c->name, i, false};
        for (size_t a = 0; a < c->naliases; a++)
            refs[n++] = (struct name_ref){c->aliases[a], i, true};
    }
    if (n)
        qsort(refs, n, sizeof *refs, cmp_ref);
    for (size_t i = 1; i < n; i++) {
        if (ascii_icmp(refs[i].name, refs[i - 1].name))
            continue;
        const struct gcmd *a = &g->cmds[refs[i - 1].cmd], *b = &g->cmds[refs[i].cmd];
        if (!refs[i].alias && !refs[i - 1].alias)
            fail(g, b->file, "duplicate cmdlet name '%s' (also in %s)", b->name, a->file);
        else if (refs[i].cmd == refs[i - 1].cmd)
            fail(g, b->file, "alias '%s' is listed twice or is the cmdlet's own name",
                 refs[i].name);
        else
            fail(g, b->file, "%s '%s' of '%s' is already the %s of '%s' (%s)",
                 refs[i].alias ? "alias" : "name", refs[i].name, b->name,
                 refs[i - 1].alias ? "alias" : "name", a->name, a->file);
    }
    free(refs);
    for (size_t i = 0; i < g->ncmds; i++)
        for (size_t k = 0; k < i; k++)
            if (g->cmds[i].handler && g->cmds[k].handler &&
                !strcmp(g->cmds[i].handler, g->cmds[k].handler))
                fail(g, g->cmds[i].file, "handler '%s' is also the handler of '%s' (%s)",
                     g->cmds[i].handler, g->cmds[k].name ? g->cmds[k].name : "?", g->cmds[k].file);
    for (size_t i = 0; i < g->ncmds; i++)
        check_cmd(g, &g->cmds[i]);
}

/* }================================================================== */

/*
** {==================================================================
** Writing cmdlets.def
** ===================================================================
*/

/* A C string literal; '?' is escaped so that no trigraph can form. */
static void put_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("NULL", f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        switch (ch) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '?':
            fputs("\\?", f);
            break;
        default:
            if (ch < 0x20 || ch == 0x7f)
                fprintf(f, "\\%03o", ch);
            else
                fputc(ch, f);
        }
    }
    fputc('"', f);
}

static void put_strlist(FILE *f, const char *ident, const char *const *v, size_t n)
{
    fprintf(f, "STRLIST(%s", ident);
    for (size_t i = 0; i < n; i++) {
        fputs(", ", f);
        put_str(f, v[i]);
    }
    fputs(", NULL)\n", f);
}

static void put_flags(FILE *f, unsigned flags, const char *const *names, size_t nnames)
{
    bool any = false;
    for (size_t i = 0; i < nnames; i++)
        if (flags & (1u << i)) {
            fprintf(f, "%s%s", any ? "|" : "", names[i]);
            any = true;
        }
    if (!any)
        fputc('0', f);
}

static void write_def(const struct gen *g, FILE *f)
{
    static const char *const cf_names[] = {"CF_SHOULD_PROCESS", "CF_BACKEND"};
    fputs(
        "/* generated by gen_cmdlets from cmdlets/meta, do not edit */\n"
        "/*\n"
        "** An X-macro list: define every macro below before including it.\n"
        "**   STRLIST(ident, \"s\", ..., NULL)           a NULL-terminated string array\n"
        "**   SETLIST(ident, PSET(set, mandatory, position, pipeline, remaining), ...)\n"
        "**   EXAMPLES(ident, EXAMPLE(title, script, output), ...)\n"
        "**   PARAMS_BEGIN(ident) PARAM(name, aliases, type_name, type, flags, values, help,\n"
        "**                             nsets, sets, default_text) ... PARAMS_END(ident)\n"
        "**   CMDLET(handler, name, verb, noun, synopsis, aliases, flags, impact, nsets, sets,\n"
        "**          default_set, nparams, params, output_type, description, nexamples, examples)\n"
        "**   ORG_HANDLER(handler)                  a Backend cmdlet's generic handler, to define\n"
        "**   LOOKUP(name_or_alias, index)          sorted by name, ignoring ASCII case\n"
        "** CMDLET entries come in table order (sorted by name, ignoring ASCII case).\n"
        "*/\n"
        "// clang-format off\n",
        f);
    for (size_t i = 0; i < g->ncmds; i++) {
        const struct gcmd *c = &g->cmds[i];
        char id[512];
        fprintf(f, "\n/* %s (%s) */\n", c->name, c->file);
        snprintf(id, sizeof id, "m_%s_aliases", c->handler);
        put_strlist(f, id, c->aliases, c->naliases);
        snprintf(id, sizeof id, "m_%s_sets", c->handler);
        put_strlist(f, id, c->sets, c->nsets);
        for (size_t k = 0; k < c->nparams; k++) {
            const struct gparam *p = &c->params[k];
            snprintf(id, sizeof id, "m_%s_p%zu_aliases", c->handler, k);
            put_strlist(f, id, p->aliases, p->naliases);
            if (p->values) {
                snprintf(id, sizeof id, "m_%s_p%zu_values", c->handler, k);
                put_strlist(f, id, p->values, p->nvalues);
            }
            fprintf(f, "SETLIST(m_%s_p%zu_sets", c->handler, k);
            for (size_t e = 0; e < p->nentries; e++) {
                const struct gentry *en = &p->entries[e];
                fprintf(f, ", PSET(");
                if (en->set < 0)
                    fputs("PSET_ALL", f);
                else
                    fprintf(f, "%d", en->set);
                fprintf(f, ", %s, %d, ", en->mandatory ? "true" : "false", en->position);
                if (!en->pipeline)
                    fputs("PIPE_NONE", f);
                else
                    fprintf(f, "%s%s%s", en->pipeline & PIPE_BY_VALUE ? "PIPE_BY_VALUE" : "",
                            en->pipeline == (PIPE_BY_VALUE | PIPE_BY_NAME) ? "|" : "",
                            en->pipeline & PIPE_BY_NAME ? "PIPE_BY_NAME" : "");
                fprintf(f, ", %s)", en->remaining ? "true" : "false");
            }
            fputs(")\n", f);
        }
        fprintf(f, "EXAMPLES(m_%s_examples", c->handler);
        for (size_t k = 0; k < c->nexamples; k++) {
            fputs(", EXAMPLE(", f);
            put_str(f, c->examples[k].title);
            fputs(", ", f);
            put_str(f, c->examples[k].script);
            fputs(", ", f);
            put_str(f, c->examples[k].output);
            fputc(')', f);
        }
        fputs(")\n", f);
        if (c->nparams) {
            fprintf(f, "PARAMS_BEGIN(m_%s_params)\n", c->handler);
            for (size_t k = 0; k < c->nparams; k++) {
                const struct gparam *p = &c->params[k];
                fputs("PARAM(", f);
                put_str(f, p->name);
                fprintf(f, ", m_%s_p%zu_aliases, ", c->handler, k);
                put_str(f, p->type);
                fprintf(f, ", %s, ", p->ty);
                put_flags(f, p->flags, pf_names, sizeof pf_names / sizeof pf_names[0]);
                if (p->values)
                    fprintf(f, ", m_%s_p%zu_values, ", c->handler, k);
                else
                    fputs(", NULL, ", f);
                put_str(f, p->help);
                fprintf(f, ", %zu, m_%s_p%zu_sets, ", p->nentries, c->handler, k);
                put_str(f, p->deflt);
                fputs(")\n", f);
            }
            fprintf(f, "PARAMS_END(m_%s_params)\n", c->handler);
        }
    }
    fputs("\n/* the table, in order */\n", f);
    for (size_t i = 0; i < g->ncmds; i++) {
        const struct gcmd *c = &g->cmds[i];
        fprintf(f, "CMDLET(%s, ", c->handler);
        put_str(f, c->name);
        fputs(", ", f);
        put_str(f, c->verb);
        fputs(", ", f);
        put_str(f, c->noun);
        fputs(", ", f);
        put_str(f, c->synopsis);
        fprintf(f, ", m_%s_aliases, ", c->handler);
        put_flags(f, c->flags, cf_names, 2);
        fprintf(f, ", %s, %zu, m_%s_sets, ", c->impact, c->nsets, c->handler);
        if (c->default_set < 0)
            fputs("SET_NONE", f);
        else
            fprintf(f, "%d", c->default_set);
        fprintf(f, ", %zu, ", c->nparams);
        if (c->nparams)
            fprintf(f, "m_%s_params, ", c->handler);
        else
            fputs("NULL, ", f);
        put_str(f, c->output_type);
        fputs(", ", f);
        put_str(f, c->description);
        fprintf(f, ", %zu, m_%s_examples)\n", c->nexamples, c->handler);
    }
    fputs("\n/* the generic handlers of Backend cmdlets without a handler of their own */\n", f);
    for (size_t i = 0; i < g->ncmds; i++)
        if (g->cmds[i].synth_handler)
            fprintf(f, "ORG_HANDLER(%s)\n", g->cmds[i].handler);
    fputs("\n/* names and aliases, sorted */\n", f);
    size_t nrefs = 0;
    for (size_t i = 0; i < g->ncmds; i++)
        nrefs += 1 + g->cmds[i].naliases;
    struct name_ref *refs = xcalloc(nrefs, sizeof *refs);
    size_t n = 0;
    for (size_t i = 0; i < g->ncmds; i++) {
        refs[n++] = (struct name_ref){g->cmds[i].name, i, false};
        for (size_t a = 0; a < g->cmds[i].naliases; a++)
            refs[n++] = (struct name_ref){g->cmds[i].aliases[a], i, true};
    }
    qsort(refs, n, sizeof *refs, cmp_ref);
    for (size_t i = 0; i < n; i++) {
        fputs("LOOKUP(", f);
        put_str(f, refs[i].name);
        fprintf(f, ", %zu)\n", refs[i].cmd);
    }
    free(refs);
    fputs("// clang-format on\n", f);
}

/* }================================================================== */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_path(struct gen *g, const char *path)
{
    g->paths = realloc(g->paths, (g->npaths + 1) * sizeof *g->paths);
    if (!g->paths) {
        fputs("gen_cmdlets: out of memory\n", stderr);
        exit(2);
    }
    g->paths[g->npaths++] = strdup(path);
}

/* Adds a file, or the *.json files of a directory in name order. */
static void collect(struct gen *g, const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        add_path(g, path);
        return;
    }
    size_t first = g->npaths;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n > 5 && !strcmp(e->d_name + n - 5, ".json") && e->d_name[0] != '.') {
            size_t plen = strlen(path);
            char *full = xcalloc(plen + n + 2, 1);
            snprintf(full, plen + n + 2, "%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/",
                     e->d_name);
            add_path(g, full);
            free(full);
        }
    }
    closedir(d);
    if (g->npaths > first)
        qsort(g->paths + first, g->npaths - first, sizeof *g->paths, cmp_str);
}

static void release(struct gen *g)
{
    for (size_t i = 0; i < g->ncmds; i++) {
        struct gcmd *c = &g->cmds[i];
        for (size_t k = 0; k < c->nparams; k++) {
            free(c->params[k].aliases);
            free(c->params[k].values);
            free(c->params[k].entries);
        }
        free(c->params);
        free(c->aliases);
        free(c->examples);
        free(c->synth_handler);
    }
    free(g->cmds);
    for (size_t i = 0; i < g->ndocs; i++)
        json_decref(g->docs[i]);
    free(g->docs);
    for (size_t i = 0; i < g->npaths; i++)
        free(g->paths[i]);
    free(g->paths);
}

static int write_out(struct gen *g, const char *out)
{
    if (!out || !strcmp(out, "-")) {
        write_def(g, stdout);
        return fflush(stdout) ? 1 : 0;
    }
    size_t n = strlen(out) + 5;
    char *tmp = xcalloc(n, 1);
    snprintf(tmp, n, "%s.tmp", out);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(g->err, "%s: cannot write: %s\n", tmp, strerror(errno));
        free(tmp);
        return 1;
    }
    write_def(g, f);
    int bad = ferror(f);
    if (fclose(f) || bad || rename(tmp, out)) {
        fprintf(g->err, "%s: cannot write: %s\n", out, strerror(errno));
        remove(tmp);
        free(tmp);
        return 1;
    }
    free(tmp);
    return 0;
}

int gen_cmdlets_main(int argc, char **argv, FILE *err)
{
    struct gen g;
    memset(&g, 0, sizeof g);
    g.err = err;
    const char *out = NULL;
    bool check = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--check"))
            check = true;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(err, "usage: gen_cmdlets [--check] [-o OUT] PATH...\n");
            release(&g);
            return 2;
        } else
            collect(&g, argv[i]);
    }
    if (!g.npaths) {
        fprintf(err, "usage: gen_cmdlets [--check] [-o OUT] PATH...\n");
        release(&g);
        return 2;
    }
    g.docs = xcalloc(g.npaths, sizeof *g.docs);
    g.cmds = xcalloc(g.npaths, sizeof *g.cmds);
    for (size_t i = 0; i < g.npaths; i++) {
        json_error_t je;
        json_t *root = json_load_file(g.paths[i], JSON_REJECT_DUPLICATES, &je);
        if (!root) {
            if (je.line > 0)
                fprintf(err, "%s:%d:%d: invalid JSON: %s\n", g.paths[i], je.line, je.column,
                        je.text);
            else
                fprintf(err, "%s: %s\n", g.paths[i], je.text);
            g.nerr++;
            continue;
        }
        g.docs[g.ndocs++] = root;
        struct gcmd *c = &g.cmds[g.ncmds++];
        c->file = g.paths[i];
        read_cmd(&g, c, root);
    }
    if (!g.nerr)
        check_all(&g);
    int rc = g.nerr ? 1 : 0;
    if (!rc) {
        if (g.ncmds)
            qsort(g.cmds, g.ncmds, sizeof *g.cmds, cmp_cmd);
        if (!check)
            rc = write_out(&g, out);
    }
    release(&g);
    return rc;
}

#ifndef GEN_CMDLETS_NO_MAIN
int main(int argc, char **argv)
{
    return gen_cmdlets_main(argc, argv, stderr);
}
#endif
