/*
** main.c - the emsh program.
**
** Today emsh checks and shows the structure of PowerShell scripts:
**
**     emsh --syntax-check FILE...   parse without running; exit 0 only if all parse
**     emsh --dump-ast FILE          print the syntax tree in its stable text form
**     emsh --dump-ast -c TEXT       the same for a command line
**
** Exit status: 0 success, 1 a syntax error or unreadable file, 2 bad usage.
*/
#include "parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum exit_code { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: emsh --syntax-check FILE...\n"
    "       emsh --dump-ast FILE\n"
    "       emsh --dump-ast -c TEXT\n"
    "       emsh --version | --help\n"
    "\n"
    "emsh is an Exchange Management Shell: a PowerShell-language command\n"
    "interpreter for Exchange organizations.\n"
    "\n"
    "  --syntax-check FILE...  parse each script without running it; report\n"
    "                          every syntax error; exit 0 only if all parse\n"
    "  --dump-ast FILE         print the syntax tree of a script (- reads stdin)\n"
    "  -c, -Command TEXT       with --dump-ast: take the script from TEXT\n"
    "  --version               print the version and exit\n"
    "  --help                  print this help and exit\n";

/* Reads a whole file ("-" is standard input); NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    int err = ferror(f) ? errno : 0;
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
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
    fprintf(stderr, "emsh: unknown option '%s'\n\n%s", opt, usage_text);
    return EXIT_USAGE;
}
