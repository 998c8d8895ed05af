/*
** test_sdrive.c - unit tests of the session drives' paths (cmdlets/sdrive.h):
** which drive a path is on and what its item part is.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "sdrive.h"

static void on(const char *path, enum sdrive want, const char *item)
{
    const char *got;
    assert_int_equal(sdrive_of(path, &got), want);
    assert_string_equal(got, item);
}

static void test_drive_forms(void **state)
{
    (void)state;
    on("env:", SD_ENV, "");
    on("Env:\\", SD_ENV, "");
    on("ENV:/PATH", SD_ENV, "PATH");
    on("env:HOME", SD_ENV, "HOME");
    on("Variable:x", SD_VARIABLE, "x");
    on("variable:\\x*", SD_VARIABLE, "x*");
    on("function:Get-Thing", SD_FUNCTION, "Get-Thing");
    on("alias:gci", SD_ALIAS, "gci");
    on("Environment::HOME", SD_ENV, "HOME");
    on("Microsoft.PowerShell.Core\\Alias::gci", SD_ALIAS, "gci");
}

static void test_not_a_session_drive(void **state)
{
    (void)state;
    on("/tmp/env:x", SD_NONE, "/tmp/env:x");
    on("envx:y", SD_NONE, "envx:y");
    on("C:\\Windows", SD_NONE, "C:\\Windows");
    on("FileSystem::/tmp", SD_NONE, "FileSystem::/tmp");
    on("env", SD_NONE, "env");
    on("", SD_NONE, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drive_forms),
        cmocka_unit_test(test_not_a_session_drive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
