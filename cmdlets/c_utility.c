/*
** c_utility.c - the cmdlets of the Utility module that need no backend:
** Write-Output and Out-Null.
**
** Their metadata is in cmdlets/meta/<Name>.json; each handler reads its
** bound parameters with cmd_arg() by the index of the parameter in that
** file (the enums below; test_registry checks they match) and writes
** through cmd_write(), never printing.
*/
#include "registry.h"

/* {=== Write-Output ===*/

enum { WO_INPUT_OBJECT, WO_NO_ENUMERATE };

/*
** Windows PowerShell's ProcessRecord: each element of the bound PSObject[]
** is written with WriteObject(element, enumerate) — so `echo 1,2 3` writes
** 1, 2 and 3 — and as it is with -NoEnumerate; a $null InputObject
** ([AllowNull()]) is written as $null.
*/
static enum ev write_output_process(struct cmd_ctx *c, val input)
{
    (void)input;
    val objs = cmd_arg(c, WO_INPUT_OBJECT);
    if (val_kind(objs) != VAL_ARRAY)
        return cmd_write(c, val_is_null(objs) ? val_null() : val_copy(objs));
    val sw = cmd_arg(c, WO_NO_ENUMERATE);
    bool enumerate = !(val_kind(sw) == VAL_SWITCH && sw.u.b);
    uint32_t n = val_arr_len(objs);
    for (uint32_t i = 0; i < n; i++) {
        val e = val_arr_items(objs)[i];
        enum ev rc = EV_OK;
        if (enumerate && val_kind(e) == VAL_ARRAY) {
            for (uint32_t k = 0; k < val_arr_len(e) && !rc; k++)
                rc = cmd_write(c, val_arr_get(e, k));
        } else {
            rc = cmd_write(c, val_copy(e));
        }
        if (rc)
            return rc;
    }
    return EV_OK;
}

CMDLET_DEFINE(cmd_write_output, .process = write_output_process);

/* }=== */

/* {=== Out-Null ===*/

/* Takes every input object and drops it. */
static enum ev out_null_process(struct cmd_ctx *c, val input)
{
    (void)c;
    (void)input;
    return EV_OK;
}

CMDLET_DEFINE(cmd_out_null, .process = out_null_process);

/* }=== */
