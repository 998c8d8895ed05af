/*
** c_strictmode.c - Set-StrictMode (Microsoft.PowerShell.Core).
**
** The version is kept per scope, as PowerShell keeps it: in the hidden
** variable CMD_STRICT_VAR of the scope the command runs in, which its child
** scopes see and its callers do not. The evaluator reads it where a rule
** applies (eval.c's variables, members and commands, members.c's indexes).
*/
#include "cmdlet.h"
#include "conv.h"
#include "registry.h"
#include "text.h"
#include "types.h"

#include <stdio.h>
#include <string.h>

enum { SM_VERSION, SM_OFF };

/*
** ArgumentToVersionTransformation and ValidateVersion: 'Latest' is this
** PowerShell's version, a number or a string without a dot a major
** version, any other text a version; valid are PowerShell's versions 1.0
** to 5.1. The rules of 3.0 are the last there are. Returns 0 with the
** binder's error written, else the strict mode, 1 to 3.
*/
static int strict_level(struct cmd_ctx *c, val v, enum ev *rc)
{
    struct buf text = BUF_INIT;
    conv_str(v, &text);
    int32_t parts[4] = {-1, -1, -1, -1};
    int64_t major;
    val ver;
    struct conv_error err;
    if (text_ieq(buf_cstr(&text), text.len, "Latest", 6)) {
        parts[0] = 5, parts[1] = 1;
    } else if (!strchr(buf_cstr(&text), '.') && conv_to_int64(v, &major, NULL) && major >= 0 && major <= INT32_MAX) {
        parts[0] = (int32_t)major, parts[1] = 0;
    } else if (conv_to_type(val_copy(v), TY_VERSION, &ver, &err)) {
        conv_version_parts(ver, parts);
        val_free(ver);
    }
    bool valid = (parts[0] >= 1 && parts[0] <= 4 && parts[1] == 0) || (parts[0] == 5 && (parts[1] == 0 || parts[1] == 1));
    if (!valid) {
        /* the argument as the transformation left it: a version's text, or what was given */
        if (parts[0] >= 0) {
            buf_reset(&text);
            for (int i = 0; i < 4 && parts[i] >= 0; i++)
                buf_printf(&text, i ? ".%d" : "%d", parts[i]);
        }
        char msg[512];
        snprintf(msg, sizeof msg,
                 "Cannot validate argument on parameter 'Version'. The \"%s\" argument does not contain a valid "
                 "Windows PowerShell version. Supply a valid version number and then try the command again.",
                 buf_cstr(&text));
        buf_release(&text);
        *rc = cmd_throw(c, "ParameterArgumentValidationError", "InvalidData",
                        "System.Management.Automation.ParameterBindingValidationException", val_nothing(), msg);
        return 0;
    }
    buf_release(&text);
    return parts[0] < 3 ? parts[0] : 3;
}

static enum ev set_strict_mode_end(struct cmd_ctx *c)
{
    enum ev rc = EV_OK;
    int level = 0;
    if (cmd_bound(c, SM_VERSION) && !(level = strict_level(c, cmd_arg(c, SM_VERSION), &rc)))
        return rc;
    /* the scope the command runs in: its caller's own */
    cmd_var_set(c, "0", CMD_STRICT_VAR, val_int(level), NULL, -1, 0, NULL);
    return EV_OK;
}

CMDLET_DEFINE(cmd_set_strict_mode, .end = set_strict_mode_end);
