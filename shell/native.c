/*
** native.c - programs found on PATH as pipeline stages.
**
** As PowerShell runs native commands: the arguments become the program's
** argv (an array argument gives one word per element, -Name:value stays one
** word), pipeline input is written to its standard input one line per
** object, each line it writes to standard output becomes a string object
** downstream, its standard error goes to the console, and its exit status
** lands in $LASTEXITCODE ($? is false when it is not 0).
*/
#include "eval_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct nproc {
    struct proc p;
    char *path;
    struct cmd_arg *args;
    uint32_t nargs;
    pid_t pid;
    int in_fd, out_fd;
    struct buf pending; /* a partial line read from the program */
};

bool ev_find_program(const char *name, struct buf *out);
bool ev_find_program(const char *name, struct buf *out)
{
    struct stat st;
    if (strchr(name, '/')) {
        if (stat(name, &st) == 0 && S_ISREG(st.st_mode) && access(name, X_OK) == 0) {
            buf_puts(out, name);
            return true;
        }
        return false;
    }
    const char *path = getenv("PATH");
    if (!path || !*name)
        return false;
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);
        buf_reset(out);
        buf_add(out, path, n);
        buf_putc(out, '/');
        buf_puts(out, name);
        if (n && stat(out->s, &st) == 0 && S_ISREG(st.st_mode) && access(out->s, X_OK) == 0)
            return true;
        path += n + (colon ? 1 : 0);
    }
    buf_reset(out);
    return false;
}

/* Emits the complete lines read so far (all of it at end of output). */
static enum ev emit_lines(struct nproc *np, bool at_end)
{
    size_t start = 0;
    enum ev rc = EV_OK;
    for (size_t i = 0; i < np->pending.len && !rc; i++) {
        if (np->pending.s[i] != '\n')
            continue;
        size_t e = i;
        if (e > start && np->pending.s[e - 1] == '\r')
            e--;
        rc = np->p.next->put(np->p.next, val_str_n(np->pending.s + start, e - start));
        start = i + 1;
    }
    if (at_end && !rc && start < np->pending.len)
        rc = np->p.next->put(np->p.next, val_str_n(np->pending.s + start, np->pending.len - start));
    if (at_end)
        start = np->pending.len;
    if (np->pending.s) {
        memmove(np->pending.s, np->pending.s + start, np->pending.len - start);
        np->pending.len -= start;
        np->pending.s[np->pending.len] = '\0';
    }
    return rc;
}

/* Reads what the program has written; blocks when wait is set. */
static enum ev drain(struct nproc *np, bool wait)
{
    char chunk[65536];
    while (np->out_fd >= 0) {
        struct pollfd pfd = {np->out_fd, POLLIN, 0};
        int r = poll(&pfd, 1, wait ? -1 : 0);
        if (r < 0 && errno == EINTR) {
            if (ev_interrupted)
                return EV_HALT;
            continue;
        }
        if (r <= 0)
            return EV_OK;
        ssize_t n = read(np->out_fd, chunk, sizeof chunk);
        if (n <= 0) {
            close(np->out_fd);
            np->out_fd = -1;
            return emit_lines(np, true);
        }
        buf_add(&np->pending, chunk, (size_t)n);
        enum ev rc = emit_lines(np, false);
        if (rc)
            return rc;
    }
    return EV_OK;
}

static void add_word(char ***argv, size_t *n, size_t *cap, const char *w, size_t len)
{
    if (*n + 2 > *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *argv = emsh_xrealloc(*argv, *cap * sizeof **argv);
    }
    (*argv)[(*n)++] = emsh_xstrndup(w, len);
    (*argv)[*n] = NULL;
}

static void add_value(char ***argv, size_t *n, size_t *cap, val v)
{
    if (val_kind(v) == VAL_ARRAY) {
        for (uint32_t i = 0; i < val_arr_len(v); i++)
            add_value(argv, n, cap, val_arr_items(v)[i]);
        return;
    }
    struct buf b = BUF_INIT;
    conv_str(v, &b);
    add_word(argv, n, cap, buf_cstr(&b), b.len);
    buf_release(&b);
}

static enum ev nproc_begin(struct proc *p)
{
    struct nproc *np = (struct nproc *)p;
    char **argv = NULL;
    size_t n = 0, cap = 0;
    add_word(&argv, &n, &cap, np->path, strlen(np->path));
    for (uint32_t i = 0; i < np->nargs; i++) {
        struct cmd_arg *a = &np->args[i];
        if (a->name) {
            struct buf w = BUF_INIT;
            buf_printf(&w, "-%s%s", a->name, a->colon ? ":" : "");
            if (a->colon && val_kind(a->value) != VAL_NOTHING)
                conv_str(a->value, &w);
            add_word(&argv, &n, &cap, buf_cstr(&w), w.len);
            buf_release(&w);
            continue;
        }
        if (a->at && a->at->kind == AST_STRING && a->at->u.string.how == STR_VERBATIM) {
            /* --%: the rest of the line, split at white space */
            const char *s = a->at->u.string.value.s;
            while (*s) {
                while (*s == ' ' || *s == '\t')
                    s++;
                const char *e = s;
                while (*e && *e != ' ' && *e != '\t')
                    e++;
                if (e > s)
                    add_word(&argv, &n, &cap, s, (size_t)(e - s));
                s = e;
            }
            continue;
        }
        add_value(&argv, &n, &cap, a->value);
    }
    int out_pipe[2], in_pipe[2] = {-1, -1};
    enum ev rc = EV_OK;
    if (pipe(out_pipe) != 0 || (p->expects_input && pipe(in_pipe) != 0)) {
        struct err_spec spec = {strerror(errno), "NativeCommandFailed", "ResourceUnavailable",
                                "System.ComponentModel.Win32Exception", val_nothing(), NULL};
        rc = ev_throw(p->in, p->at, &spec);
        goto done;
    }
    fflush(p->in->out);
    np->pid = fork();
    if (np->pid == 0) {
        dup2(out_pipe[1], STDOUT_FILENO);
        close(out_pipe[0]);
        close(out_pipe[1]);
        if (in_pipe[0] >= 0) {
            dup2(in_pipe[0], STDIN_FILENO);
            close(in_pipe[0]);
            close(in_pipe[1]);
        }
        execv(np->path, argv);
        _exit(127);
    }
    close(out_pipe[1]);
    np->out_fd = out_pipe[0];
    if (in_pipe[0] >= 0) {
        close(in_pipe[0]);
        np->in_fd = in_pipe[1];
        fcntl(np->in_fd, F_SETFD, FD_CLOEXEC);
    }
    fcntl(np->out_fd, F_SETFD, FD_CLOEXEC);
done:
    for (size_t i = 0; i < n; i++)
        free(argv[i]);
    free(argv);
    return rc;
}

static enum ev nproc_put(struct sink *s, val v)
{
    struct nproc *np = (struct nproc *)s;
    if (np->in_fd >= 0) {
        struct buf b = BUF_INIT;
        conv_str(v, &b);
        buf_putc(&b, '\n');
        size_t off = 0;
        while (off < b.len) {
            /* keep the program's output flowing while its input is written */
            struct pollfd pfd[2] = {{np->in_fd, POLLOUT, 0}, {np->out_fd, POLLIN, 0}};
            if (poll(pfd, np->out_fd >= 0 ? 2 : 1, -1) < 0 && errno != EINTR)
                break;
            if (np->out_fd >= 0 && (pfd[1].revents & (POLLIN | POLLHUP))) {
                enum ev rc = drain(np, false);
                if (rc) {
                    buf_release(&b);
                    val_free(v);
                    return rc;
                }
            }
            if (pfd[0].revents & (POLLERR | POLLHUP))
                break;
            if (pfd[0].revents & POLLOUT) {
                ssize_t w = write(np->in_fd, b.s + off, b.len - off);
                if (w <= 0)
                    break;
                off += (size_t)w;
            }
        }
        buf_release(&b);
    }
    val_free(v);
    return drain(np, false);
}

static enum ev nproc_end(struct proc *p)
{
    struct nproc *np = (struct nproc *)p;
    if (np->in_fd >= 0) {
        close(np->in_fd);
        np->in_fd = -1;
    }
    enum ev rc = drain(np, true);
    int status = 0;
    if (np->pid > 0) {
        while (waitpid(np->pid, &status, 0) < 0 && errno == EINTR)
            ;
        np->pid = -1;
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    struct var *v = scope_define(p->in->global, "LASTEXITCODE", 12);
    val_free(v->value);
    v->value = val_int(code);
    if (code != 0)
        p->in->last_ok = false;
    return rc;
}

static void nproc_release(struct proc *p)
{
    struct nproc *np = (struct nproc *)p;
    if (np->in_fd >= 0)
        close(np->in_fd);
    if (np->out_fd >= 0)
        close(np->out_fd);
    if (np->pid > 0) {
        int status;
        waitpid(np->pid, &status, 0);
    }
    free(np->path);
    ev_free_args(np->args, np->nargs);
    buf_release(&np->pending);
    free(np);
}

enum ev ev_native_proc(struct interp *in, const struct ast_node *at, const char *path,
                       struct cmd_arg *args, uint32_t nargs, struct proc **out);
enum ev ev_native_proc(struct interp *in, const struct ast_node *at, const char *path,
                       struct cmd_arg *args, uint32_t nargs, struct proc **out)
{
    struct nproc *np = emsh_xmalloc(sizeof *np);
    memset(np, 0, sizeof *np);
    np->p.sink.put = nproc_put;
    np->p.in = in;
    np->p.at = at;
    np->p.begin = nproc_begin;
    np->p.end = nproc_end;
    np->p.release = nproc_release;
    np->path = emsh_xstrndup(path, strlen(path));
    np->args = args;
    np->nargs = nargs;
    np->in_fd = np->out_fd = -1;
    np->pid = -1;
    *out = &np->p;
    return EV_OK;
}
