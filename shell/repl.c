/*
** repl.c - the interactive prompt (see repl.h).
**
** Input is read a line at a time and parsed; when the parse ends inside an
** open construct (parse_unit.incomplete), the next line continues it under
** the ">> " prompt. Ctrl-C while reading abandons the line (readline's own
** signal handling is off; the handler jumps back to the loop); while a
** command runs it sets the interrupt flag the evaluator polls, which stops
** the pipeline with EV_HALT.
*/
#include "repl.h"
#include "eval_int.h"
#include "datetime.h"
#include "format.h"
#include "registry.h"
#include "session.h"
#include "text.h"

#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

static sigjmp_buf prompt_jump;
static volatile sig_atomic_t reading;
static struct interp *completing; /* the session Tab completes against */

static void on_sigint(int sig)
{
    (void)sig;
    if (reading)
        siglongjmp(prompt_jump, 1);
    ev_interrupted = 1;
}

/* $XDG_<kind>_HOME/emsh/<file>, with the XDG defaults under $HOME. */
static char *xdg_path(const char *env, const char *fallback, const char *file, bool make_dir)
{
    const char *base = getenv(env);
    const char *home = getenv("HOME");
    struct buf b = BUF_INIT;
    if (base && *base)
        buf_printf(&b, "%s/emsh", base);
    else
        buf_printf(&b, "%s/%s/emsh", home ? home : ".", fallback);
    if (make_dir) {
        /* mkdir -p */
        for (size_t i = 1; i <= b.len; i++) {
            if (i == b.len || b.s[i] == '/') {
                char c = b.s[i];
                b.s[i] = '\0';
                mkdir(b.s, 0700);
                b.s[i] = c;
            }
        }
    }
    buf_printf(&b, "/%s", file);
    return buf_detach(&b, NULL);
}

static void prompt_text(struct buf *out)
{
    char cwd[PATH_MAX];
    buf_reset(out);
    buf_printf(out, "[PS] %s>", getcwd(cwd, sizeof cwd) ? cwd : "?");
}

static enum ev run_unit(struct interp *in, struct parse_unit *u, struct sink *out)
{
    ev_interrupted = 0;
    enum ev rc = interp_run(in, u, false, out);
    fmt_console_flush(); /* end this entry's Out-Default: its tables are complete */
    fflush(stdout);
    if (rc == EV_HALT || ev_interrupted) {
        ev_interrupted = 0;
        fputc('\n', stdout);
        fflush(stdout);
        rc = EV_OK;
    }
    return rc;
}

static void load_profile(struct interp *in, struct sink *out)
{
    char *path = xdg_path("XDG_CONFIG_HOME", ".config", "profile.ps1", false);
    FILE *f = fopen(path, "rb");
    if (!f) {
        free(path);
        return;
    }
    struct buf b = BUF_INIT;
    buf_read(&b, f);
    fclose(f);
    struct parse_unit *u = parse_unit_new(path, buf_cstr(&b), b.len);
    buf_release(&b);
    if (u->nerrors) {
        interp_report_parse_errors(in, u);
        parse_unit_free(u);
    } else {
        run_unit(in, u, out);
    }
    free(path);
}

/*
** {==================================================================
** Completion
** ===================================================================
*/

static bool word_char(char c)
{
    return !(c == ' ' || c == '\t' || c == '|' || c == ';' || c == '(' || c == '{' || c == '}' ||
             c == ')' || c == '=' || c == ',' || c == '\n');
}

static void add_match(val *out, const char *cand, const char *prefix, size_t pn)
{
    if (strlen(cand) >= pn && text_ieq(cand, pn, prefix, pn)) {
        for (uint32_t i = 0; i < val_arr_len(*out); i++)
            if (text_ieq(val_str(val_arr_items(*out)[i]), val_str_len(val_arr_items(*out)[i]), cand, strlen(cand)))
                return;
        *out = val_arr_push(*out, val_str_new(cand));
    }
}

/* The command name of the pipeline element the cursor is in, or NULL. */
static const struct cmdlet *current_cmdlet(struct interp *in, const char *line, size_t start, struct buf *name)
{
    size_t s = start;
    while (s > 0 && line[s - 1] != '|' && line[s - 1] != ';' && line[s - 1] != '{' && line[s - 1] != '(')
        s--;
    while (s < start && (line[s] == ' ' || line[s] == '\t'))
        s++;
    size_t e = s;
    while (e < start && word_char(line[e]))
        e++;
    buf_reset(name);
    buf_add(name, line + s, e - s);
    struct var *alias = scope_lookup_ns(in->scope, NS_ALIAS, line + s, e - s);
    if (alias && val_kind(alias->value) == VAL_STRING) {
        buf_reset(name);
        buf_add(name, val_str(alias->value), val_str_len(alias->value));
    }
    return name->len ? cmdlet_find(name->s, name->len) : NULL;
}

size_t repl_complete(struct interp *in, const char *line, size_t point, val *out)
{
    size_t start = point;
    while (start > 0 && word_char(line[start - 1]))
        start--;
    const char *word = line + start;
    size_t wn = point - start;
    if (wn && word[0] == '$') {
        /* variables of every scope up to the global one */
        struct buf cand = BUF_INIT;
        for (struct scope *s = in->scope; s; s = s->parent) {
            for (uint32_t i = 0; i < s->cap; i++) {
                struct var *v = scope_slot(s, i);
                if (!v || v->ns != NS_VARIABLE)
                    continue;
                buf_reset(&cand);
                if (v->name[0] == '\x01')
                    continue; /* the session's hidden state */
                buf_printf(&cand, "$%s", v->name);
                add_match(out, cand.s, word, wn);
            }
        }
        buf_release(&cand);
        return start;
    }
    if (wn && word[0] == '-') {
        struct buf name = BUF_INIT;
        const struct cmdlet *c = current_cmdlet(in, line, start, &name);
        if (c) {
            struct buf cand = BUF_INIT;
            for (uint16_t i = 0; i < c->meta->nparams; i++) {
                buf_reset(&cand);
                buf_printf(&cand, "-%s", c->meta->params[i].name);
                add_match(out, cand.s, word, wn);
            }
            static const char *const common[] = {"-Verbose", "-Debug", "-ErrorAction", "-WarningAction",
                                                 "-InformationAction", "-ErrorVariable", "-WarningVariable",
                                                 "-InformationVariable", "-OutVariable", "-OutBuffer",
                                                 "-PipelineVariable"};
            for (size_t i = 0; i < EMSH_ARRAY_SIZE(common); i++)
                add_match(out, common[i], word, wn);
            if (c->meta->flags & CF_SHOULD_PROCESS) {
                add_match(out, "-WhatIf", word, wn);
                add_match(out, "-Confirm", word, wn);
            }
            buf_release(&cand);
        }
        buf_release(&name);
        return start;
    }
    /* command names: cmdlets, aliases and functions */
    for (uint32_t i = 0; i < cmdlet_count(); i++)
        add_match(out, cmdlet_at(i)->meta->name, word, wn);
    for (int ns = NS_FUNCTION; ns <= NS_ALIAS; ns++) {
        uint32_t n;
        struct var **items = scope_visible(in->scope, ns, &n);
        for (uint32_t i = 0; i < n; i++)
            add_match(out, items[i]->name, word, wn);
        free(items);
    }
    return start;
}

static val matches;
static uint32_t match_index;

static char *generator(const char *text, int state)
{
    (void)text;
    if (state == 0)
        match_index = 0;
    if (match_index >= val_arr_len(matches))
        return NULL;
    val m = val_arr_items(matches)[match_index++];
    return emsh_xstrndup(val_str(m), val_str_len(m));
}

static char **complete(const char *text, int start, int end)
{
    (void)text;
    (void)start;
    val_free(matches);
    matches = val_arr_new();
    size_t from = repl_complete(completing, rl_line_buffer, (size_t)end, &matches);
    if (val_arr_len(matches) == 0)
        return NULL; /* readline falls back to file names */
    (void)from;
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, generator);
}

/* }================================================================== */

int repl_run(struct interp *in, struct sink *out, const struct repl_options *opt)
{
    completing = in;
    rl_catch_signals = 0;
    rl_readline_name = "emsh";
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = (char *)" \t\n|;(){}=,";
    rl_basic_word_break_characters = (char *)" \t\n|;(){}=,";
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);

    char *hist = xdg_path("XDG_STATE_HOME", ".local/state", "history", true);
    using_history();
    if (read_history(hist) != 0)
        write_history(hist); /* append_history needs the file to exist */
    if (!opt || !opt->no_profile)
        load_profile(in, out);

    struct buf text = BUF_INIT, prompt = BUF_INIT;
    int status = 0;
    bool more = false;
    for (;;) {
        if (sigsetjmp(prompt_jump, 1)) {
            /* Ctrl-C at the prompt: the line is abandoned */
            reading = 0;
            rl_free_line_state();
            rl_cleanup_after_signal();
            fputc('\n', stdout);
            buf_reset(&text);
            more = false;
        }
        if (more)
            buf_puts(&prompt, ""), buf_reset(&prompt), buf_puts(&prompt, ">> ");
        else
            prompt_text(&prompt), buf_putc(&prompt, ' ');
        reading = 1;
        char *line = readline(buf_cstr(&prompt));
        reading = 0;
        if (!line) {
            fputc('\n', stdout);
            break;
        }
        struct buf echo = BUF_INIT;
        buf_printf(&echo, "%s%s\n", buf_cstr(&prompt), line);
        session_transcript_write(in, echo.s, echo.len);
        buf_release(&echo);
        if (text.len)
            buf_putc(&text, '\n');
        buf_puts(&text, line);
        free(line);
        struct parse_unit *u = parse_unit_new(NULL, buf_cstr(&text), text.len);
        if (u->nerrors && u->incomplete) {
            parse_unit_free(u);
            more = true;
            continue;
        }
        more = false;
        bool blank = true;
        for (size_t i = 0; i < text.len; i++)
            if (!strchr(" \t\r\n", text.s[i]))
                blank = false;
        if (!blank) {
            add_history(text.s);
            append_history(1, hist);
        }
        if (u->nerrors) {
            interp_report_parse_errors(in, u);
            parse_unit_free(u);
            buf_reset(&text);
            continue;
        }
        if (blank) {
            parse_unit_free(u);
            buf_reset(&text);
            continue;
        }
        int64_t t0 = dt_now_local();
        size_t cmdlen = text.len;
        char *cmdline = strndup(text.s, cmdlen);
        buf_reset(&text);
        enum ev rc = run_unit(in, u, out);
        session_history_add(in, cmdline, cmdlen, rc == EV_OK && in->last_ok, t0, dt_now_local());
        free(cmdline);
        if (rc == EV_EXIT) {
            status = interp_exit_code(in);
            break;
        }
    }
    buf_release(&text);
    buf_release(&prompt);
    free(hist);
    val_free(matches);
    matches = val_nothing();
    return status;
}
