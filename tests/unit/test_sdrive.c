/*
** test_sdrive.c - unit tests of the session drives' paths (cmdlets/sdrive.h):
** which drive a path is on and what its item part is, and what Get-Content
** reads from an item of each drive.
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

/* An item as sdrive_items() gives it, with one member besides its name. */
static val item(const char *type, const char *member, val value)
{
    val o = val_obj_new(type);
    o = val_obj_set(o, "Name", val_str_new("x"));
    return val_obj_set(o, member, value);
}

static void test_content_of_items(void **state)
{
    (void)state;
    val env = item("System.Collections.DictionaryEntry", "Value", val_str_new("/bin"));
    val alias = item("System.Management.Automation.AliasInfo", "Definition", val_str_new("Get-ChildItem"));
    val var = item("System.Management.Automation.PSVariable", "Value", val_int(7));
    val got = sdrive_value(SD_ENV, env);
    assert_string_equal(val_str(got), "/bin");
    val_free(got);
    got = sdrive_value(SD_ALIAS, alias);
    assert_string_equal(val_str(got), "Get-ChildItem");
    val_free(got);
    got = sdrive_value(SD_VARIABLE, var);
    assert_int_equal(val_kind(got), VAL_INT);
    assert_int_equal(got.u.i, 7);
    val_free(got);
    assert_string_equal(sdrive_name(SD_ENV), "Env");
    assert_string_equal(sdrive_provider(SD_ENV), "Environment");
    assert_string_equal(sdrive_provider(SD_ALIAS), "Alias");
    val_free(env);
    val_free(alias);
    val_free(var);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drive_forms),
        cmocka_unit_test(test_not_a_session_drive),
        cmocka_unit_test(test_content_of_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
