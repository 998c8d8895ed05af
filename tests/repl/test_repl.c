/*
** test_repl.c - the interactive prompt, driven through a pseudo-terminal.
**
** usage: test_repl EMSH
**
** Starts emsh on a pty with its own HOME and XDG directories and a profile,
** checks the hint an empty organization store gets, then types at it: a command, a multi-line block (the ">> " continuation
** prompt), Tab completion of a cmdlet name, Ctrl-C at the prompt and during
** a running loop, exit with a status, and Ctrl-D. Checks the output seen on
** the terminal, the exit status and the history file.
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char seen[1 << 16];
static size_t nseen;
static int failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FAIL: ", stdout);
    vprintf(fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    failures++;
}

/* Reads from the terminal until `want` appears after `from`; true if it did. */
static bool expect(int fd, size_t from, const char *want)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        seen[nseen] = '\0';
        if (nseen > from && strstr(seen + from, want))
            return true;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long ms = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (ms > 10000)
            return false;
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        ssize_t n = read(fd, seen + nseen, sizeof seen - 1 - nseen);
        if (n <= 0)
            return false;
        nseen += (size_t)n;
    }
}

static void nap(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&t, NULL);
}

static void type(int fd, const char *s)
{
    size_t n = strlen(s);
    if (write(fd, s, n) != (ssize_t)n)
        fail("could not write to the terminal");
}

static pid_t start(const char *emsh, const char *dir, int *fd)
{
    pid_t pid = forkpty(fd, NULL, NULL, NULL);
    if (pid == 0) {
        setenv("TERM", "dumb", 1);
        setenv("HOME", dir, 1);
        char buf[4096];
        snprintf(buf, sizeof buf, "%s/state", dir);
        setenv("XDG_STATE_HOME", buf, 1);
        snprintf(buf, sizeof buf, "%s/config", dir);
        setenv("XDG_CONFIG_HOME", buf, 1);
        snprintf(buf, sizeof buf, "%s/data", dir);
        setenv("XDG_DATA_HOME", buf, 1); /* a fresh, empty organization store */
        unsetenv("EMSH_STORE");
        unsetenv("COLUMNS");
        execl(emsh, emsh, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static int finish(pid_t pid, int fd)
{
    int status = 0;
    for (int i = 0; i < 200; i++) {
        char tmp[256];
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 0) > 0 && read(fd, tmp, sizeof tmp) <= 0) {
            /* the terminal closed: the child is going away */
        }
        if (waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        nap(50);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_repl EMSH\n");
        return 2;
    }
    char dir[] = "/tmp/emsh-repl-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    char path[4096];
    snprintf(path, sizeof path, "%s/config", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/config/emsh", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/config/emsh/profile.ps1", dir);
    FILE *f = fopen(path, "w");
    fputs("$fromProfile = 'profile ran'\n", f);
    fclose(f);

    int fd;
    pid_t pid = start(argv[1], dir, &fd);
    size_t mark = 0;
    if (!expect(fd, mark, "No organization in this store yet. Build the lab with: New-LabOrganization"))
        fail("no hint about the empty store; saw: %s", seen);
    if (!expect(fd, mark, "[PS] "))
        fail("no prompt; saw: %s", seen);
    mark = nseen;
    type(fd, "$fromProfile\r");
    if (!expect(fd, mark, "profile ran"))
        fail("the profile did not run");

    mark = nseen;
    type(fd, "if ($true) {\r");
    if (!expect(fd, mark, ">> "))
        fail("no continuation prompt for an open brace");
    mark = nseen;
    type(fd, "  'multi' + 'line'\r");
    if (!expect(fd, mark, ">> "))
        fail("no second continuation prompt");
    mark = nseen;
    type(fd, "}\r");
    if (!expect(fd, mark, "multiline"))
        fail("the multi-line block did not run");

    mark = nseen;
    type(fd, "Write-Outp\t");
    if (!expect(fd, mark, "Write-Output"))
        fail("Tab did not complete Write-Output");
    mark = nseen;
    type(fd, " 'completed'\r");
    if (!expect(fd, mark, "completed"))
        fail("the completed command did not run");

    mark = nseen;
    type(fd, "'abandoned' +");
    nap(100);
    type(fd, "\x03");
    if (!expect(fd, mark, "[PS] "))
        fail("Ctrl-C did not give a new prompt");
    mark = nseen;
    type(fd, "'fresh line'\r");
    if (!expect(fd, mark, "fresh line"))
        fail("the line after Ctrl-C did not run");

    mark = nseen;
    type(fd, "$n = 0; while ($true) { $n++ }\r");
    nap(300);
    type(fd, "\x03");
    if (!expect(fd, mark, "[PS] "))
        fail("Ctrl-C did not stop a running loop");
    mark = nseen;
    type(fd, "$n -gt 0\r");
    if (!expect(fd, mark, "True"))
        fail("the session did not survive Ctrl-C");

    mark = nseen;
    type(fd, "exit 5\r");
    int status = finish(pid, fd);
    if (status != 5)
        fail("exit 5 gave status %d", status);
    close(fd);

    snprintf(path, sizeof path, "%s/state/emsh/history", dir);
    f = fopen(path, "r");
    char hist[8192] = "";
    if (f) {
        size_t n = fread(hist, 1, sizeof hist - 1, f);
        hist[n] = '\0';
        fclose(f);
    }
    if (!strstr(hist, "'fresh line'"))
        fail("the history file lacks an entered line: %s", hist);
    if (strstr(hist, "'abandoned'"))
        fail("an abandoned line went into the history");

    /* Ctrl-D leaves with status 0 */
    nseen = 0;
    pid = start(argv[1], dir, &fd);
    if (!expect(fd, 0, "[PS] "))
        fail("no prompt on the second start");
    type(fd, "\x04");
    status = finish(pid, fd);
    if (status != 0)
        fail("Ctrl-D gave status %d", status);
    close(fd);

    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fail("could not clean up %s", dir);
    if (!failures)
        puts("repl: all checks passed");
    return failures ? 1 : 0;
}
