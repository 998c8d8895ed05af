/*
** main.c - the emsh program: runs scripts and command text, checks and
** shows the structure of scripts.
**
**     emsh FILE [ARGS...]           run a script (also -File FILE, or - for stdin)
**     emsh -c TEXT                  run command text
**     emsh --syntax-check FILE...   parse without running; exit 0 only if all parse
**     emsh --dump-ast FILE          print the syntax tree in its stable text form
**
** Options before these: -NoProfile, -NonInteractive, --output json,
** --store PATH (the organization store) and --computer-name NAME (the
** server the shell runs on; also $env:COMPUTERNAME).
**
** Exit status: 0 success, 1 a terminating error, a failed last pipeline, a
** syntax error or an unreadable file, N for `exit N`, 2 bad usage.
*/
#include "conv.h"
#include "format.h"
#include "interp.h"
#include "parse.h"
#include "jsonpool.h"
#include "repl.h"
#include "session.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum exit_code { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: emsh [-NoProfile] [-NonInteractive] [--output json] [--store PATH]\n"
    "            [--computer-name NAME] [FILE [ARGS...]]\n"
    "       emsh COMMAND [ARGS...]\n"
    "       emsh -c|-Command TEXT\n"
    "       emsh -File FILE [ARGS...]\n"
    "       emsh - < SCRIPT\n"
    "       emsh --syntax-check FILE...\n"
    "       emsh --dump-ast FILE\n"
    "       emsh --dump-ast -c TEXT\n"
    "       emsh --version | --help\n"
    "\n"
    "emsh is an Exchange Management Shell: a PowerShell-language command\n"
    "interpreter for Exchange organizations.\n"
    "\n"
    "  FILE [ARGS...]          run a script; ARGS bind to its parameters\n"
    "  COMMAND [ARGS...]       run one command, as if typed at the prompt\n"
    "  -c, -Command TEXT       run TEXT as a script\n"
    "  -File FILE [ARGS...]    run a script file\n"
    "  -                       read the script from standard input\n"
    "  (none)                  the interactive prompt, when stdin is a terminal\n"
    "  -NoProfile              do not run the profile script at the prompt\n"
    "  -NonInteractive         never prompt; read a script from stdin\n"
    "  --output json           print the top-level output as one JSON array\n"
    "  --store PATH            the organization store (default: $EMSH_STORE, else\n"
    "                          $XDG_DATA_HOME/emsh/org.db or ~/.local/share/emsh/org.db)\n"
    "  --computer-name NAME    the server the shell runs on: $env:COMPUTERNAME and\n"
    "                          the local server of the organization\n"
    "                          (default: $EMSH_COMPUTERNAME)\n"
    "  --syntax-check FILE...  parse each script without running it; report\n"
    "                          every syntax error; exit 0 only if all parse\n"
    "  --dump-ast FILE         print the syntax tree of a script (- reads stdin)\n"

    "  --version               print the version and exit\n"
    "  --help                  print this help and exit\n";

/* Reads a whole file ("-" is standard input); NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = BUF_INIT;
    int err = buf_read(&b, f) ? 0 : errno;
    if (f != stdin)
        fclose(f);
    if (err) {
        buf_release(&b);
        errno = err;
        return NULL;
    }
    return buf_detach(&b, len);
}

/* Parses one script and reports its errors on stderr; returns the exit code. */
static int check(const char *name, const char *text, size_t len, struct parse_unit **keep)
{
    struct parse_unit *u = parse_unit_new(name, text, len);
    int rc = EXIT_OK;
    if (u->nerrors) {
        struct buf b = BUF_INIT;
        parse_render_errors(u, &b);
        fputs(buf_cstr(&b), stderr);
        buf_release(&b);
        rc = EXIT_ERROR;
    }
    if (keep)
        *keep = u;
    else
        parse_unit_free(u);
    return rc;
}

static int syntax_check(int argc, char **argv)
{
    int rc = EXIT_OK;
    if (argc == 0) {
        fputs("emsh: --syntax-check needs at least one file\n", stderr);
        return EXIT_USAGE;
    }
    for (int i = 0; i < argc; i++) {
        size_t len;
        char *text = read_file(argv[i], &len);
        if (!text) {
            fprintf(stderr, "emsh: cannot read '%s': %s\n", argv[i], strerror(errno));
            rc = EXIT_ERROR;
            continue;
        }
        if (check(argv[i], text, len, NULL) != EXIT_OK)
            rc = EXIT_ERROR;
        free(text);
    }
    return rc;
}

static int dump_ast(int argc, char **argv)
{
    char *text;
    size_t len;
    const char *name;
    if (argc == 2 && (strcmp(argv[0], "-c") == 0 || strcasecmp(argv[0], "-Command") == 0)) {
        name = NULL;
        len = strlen(argv[1]);
        text = emsh_xstrndup(argv[1], len);
    } else if (argc == 1) {
        name = argv[0];
        text = read_file(name, &len);
        if (!text) {
            fprintf(stderr, "emsh: cannot read '%s': %s\n", name, strerror(errno));
            return EXIT_ERROR;
        }
    } else {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    struct parse_unit *u;
    int rc = check(name, text, len, &u);
    struct buf b = BUF_INIT;
    for (uint32_t i = 0; i < u->nrequires; i++) {
        buf_puts(&b, "Requires ");
        buf_add(&b, u->requires[i].s, u->requires[i].n);
        buf_putc(&b, '\n');
    }
    ast_dump(u->root, u->src, u->len, &b);
    fputs(buf_cstr(&b), stdout);
    buf_release(&b);
    parse_unit_free(u);
    free(text);
    return rc;
}

/* Out-Default: the formatting system renders each object on the console. */
static enum ev print_put(struct sink *s, val v)
{
    (void)s;
    fmt_console_put(v);
    val_free(v);
    return EV_OK;
}

/* The console's lines go to the open transcripts too. */
static void transcript_tee(void *ud, const char *s, size_t n)
{
    session_transcript_write(ud, s, n);
    session_transcript_write(ud, "\n", 1);
}

/*
** --output json: the top-level objects are collected and, at the end,
** printed by ConvertTo-Json as one array, for programs to read.
*/
static bool output_json;

/* --store and --computer-name, else their environment variables. */
static const char *store_path, *computer_name;

static struct interp_options session_options(bool interactive)
{
    struct interp_options opt = {interactive, NULL, NULL,
                                 computer_name ? computer_name : getenv("EMSH_COMPUTERNAME"),
                                 store_path ? store_path : getenv("EMSH_STORE")};
    if (opt.computer_name && !*opt.computer_name)
        opt.computer_name = NULL;
    if (opt.store && !*opt.store)
        opt.store = NULL;
    return opt;
}
#define JSON_DEPTH "5"

static void print_json(struct interp *in, val items)
{
    static const char conv[] = "ConvertTo-Json -InputObject $EmshOutput -Depth " JSON_DEPTH;
    interp_set_global(in, "EmshOutput", items);
    struct parse_unit *u = parse_unit_new("<output>", conv, sizeof conv - 1);
    struct sink out = {print_put};
    interp_run(in, u, false, &out); /* takes u */
}

/* Runs script text; returns the process exit status. */
static int run_text(const char *name, const char *text, size_t len, bool script, int argc,
                    char **argv)
{
    struct interp_options opt = session_options(false);
    struct interp *in = interp_new(&opt);
    struct parse_unit *u = parse_unit_new(name, text, len);
    int rc = EXIT_OK;
    if (u->nerrors) {
        interp_report_parse_errors(in, u);
        parse_unit_free(u);
        interp_free(in);
        return EXIT_ERROR;
    }
    val args = val_arr_new();
    for (int i = 0; i < argc; i++)
        args = val_arr_push(args, val_str_new(argv[i]));
    interp_set_script_args(in, args);
    struct sink out = {print_put};
    struct collector all;
    collector_init(&all);
    fmt_console_set_tee(transcript_tee, in);
    enum ev ev = interp_run(in, u, script, output_json ? &all.s : &out);
    if (output_json)
        print_json(in, all.items); /* consumes the array */
    else
        val_free(all.items);
    fmt_console_flush(); /* the script's Out-Default ends: pending tables print */
    fmt_console_set_tee(NULL, NULL);
    if (ev == EV_EXIT)
        rc = interp_exit_code(in);
    else if (ev == EV_THROW || !interp_last_ok(in))
        rc = EXIT_ERROR;
    interp_free(in);
    return rc;
}

/*
** `emsh Get-Thing -Name x`: is the first word a command rather than a file?
** A Verb-Noun word or a known alias is; a name with a path separator or a
** .ps1 extension never is.
*/
static bool looks_like_command(const char *w)
{
    size_t n = strlen(w);
    if (strchr(w, '/') || strchr(w, '\\') || (n > 4 && strcasecmp(w + n - 4, ".ps1") == 0))
        return false;
    const char *dash = strchr(w, '-');
    if (dash && dash > w && dash[1]) {
        for (const char *p = w; *p; p++)
            if (!(*p == '-' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
                return false;
        return true;
    }
    return false;
}

/*
** Runs the words of a command line as if typed at the prompt: each word
** passes through as written, except that a word with white space (which
** the calling shell's quoting kept together) is quoted again.
*/
static int run_command_words(int argc, char **argv)
{
    struct buf b = BUF_INIT;
    for (int i = 0; i < argc; i++) {
        const char *w = argv[i];
        if (i)
            buf_putc(&b, ' ');
        if (*w && !strpbrk(w, " \t\n")) {
            buf_puts(&b, w);
            continue;
        }
        const char *colon = w[0] == '-' ? strchr(w, ':') : NULL;
        if (colon) {
            buf_add(&b, w, (size_t)(colon + 1 - w));
            w = colon + 1;
        }
        buf_putc(&b, '\'');
        for (; *w; w++) {
            if (*w == '\'')
                buf_putc(&b, '\'');
            buf_putc(&b, *w);
        }
        buf_putc(&b, '\'');
    }
    int rc = run_text(NULL, buf_cstr(&b), b.len, false, 0, NULL);
    buf_release(&b);
    return rc;
}

/* The interactive prompt. */
static int run_repl(bool no_profile)
{
    struct interp_options opt = session_options(true);
    struct interp *in = interp_new(&opt);
    struct sink out = {print_put};
    struct repl_options ro = {no_profile};
    interp_org_hint(in); /* an empty store: how to build the lab */
    fmt_console_set_tee(transcript_tee, in);
    int rc = repl_run(in, &out, &ro);
    fmt_console_set_tee(NULL, NULL);
    interp_free(in);
    return rc;
}

static int run_file(const char *path, int argc, char **argv)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "emsh: cannot read '%s': %s\n", path, strerror(errno));
        return EXIT_ERROR;
    }
    char full[4096];
    const char *name = strcmp(path, "-") == 0 ? NULL : realpath(path, full) ? full : path;
    int rc = run_text(name, text, len, name != NULL, argc, argv);
    free(text);
    return rc;
}

int main(int argc, char **argv)
{
    jsonpool_install();
    int first = 1;
    bool no_profile = false, non_interactive = false;
    for (; first < argc; first++) {
        if (strcasecmp(argv[first], "-NoProfile") == 0)
            no_profile = true;
        else if (strcasecmp(argv[first], "-NonInteractive") == 0)
            non_interactive = true;
        else if (strcmp(argv[first], "--output") == 0 && first + 1 < argc) {
            if (strcmp(argv[++first], "json") != 0) {
                fprintf(stderr, "emsh: --output takes 'json', not '%s'\n", argv[first]);
                return EXIT_USAGE;
            }
            output_json = true;
        }
        else if (strcmp(argv[first], "--store") == 0 || strcmp(argv[first], "--computer-name") == 0) {
            if (first + 1 >= argc || !argv[first + 1][0]) {
                fprintf(stderr, "emsh: %s needs a %s\n", argv[first],
                        argv[first][2] == 's' ? "path" : "name");
                return EXIT_USAGE;
            }
            if (argv[first][2] == 's')
                store_path = argv[++first];
            else
                computer_name = argv[++first];
        }
        else if (strcasecmp(argv[first], "-NoLogo") != 0)
            break;
    }
    if (first >= argc) {
        if (!isatty(STDIN_FILENO) || non_interactive)
            return run_file("-", 0, NULL);
        return run_repl(no_profile);
    }
    argv += first - 1;
    argc -= first - 1;
    const char *opt = argv[1];
    if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0 || strcmp(opt, "-?") == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (strcmp(opt, "--version") == 0) {
        printf("emsh %s\n", EMSH_VERSION);
        return EXIT_OK;
    }
    if (strcmp(opt, "--syntax-check") == 0)
        return syntax_check(argc - 2, argv + 2);
    if (strcmp(opt, "--dump-ast") == 0)
        return dump_ast(argc - 2, argv + 2);
    if (strcmp(opt, "-c") == 0 || strcasecmp(opt, "-Command") == 0) {
        if (argc < 3) {
            fputs("emsh: -Command needs the text of a script\n", stderr);
            return EXIT_USAGE;
        }
        /* the rest of the line is the command, as powershell -Command does */
        struct buf b = BUF_INIT;
        for (int i = 2; i < argc; i++) {
            if (i > 2)
                buf_putc(&b, ' ');
            buf_puts(&b, argv[i]);
        }
        int rc = run_text(NULL, buf_cstr(&b), b.len, false, 0, NULL);
        buf_release(&b);
        return rc;
    }
    if (strcasecmp(opt, "-File") == 0) {
        if (argc < 3) {
            fputs("emsh: -File needs a script file\n", stderr);
            return EXIT_USAGE;
        }
        return run_file(argv[2], argc - 3, argv + 3);
    }
    if (strcmp(opt, "-") == 0)
        return run_file("-", argc - 2, argv + 2);
    if (opt[0] == '-' && opt[1] == '-') {
        fprintf(stderr, "emsh: unknown option '%s'\n\n%s", opt, usage_text);
        return EXIT_USAGE;
    }
    if (access(opt, F_OK) != 0 && looks_like_command(opt))
        return run_command_words(argc - 1, argv + 1);
    return run_file(opt, argc - 2, argv + 2);
}
