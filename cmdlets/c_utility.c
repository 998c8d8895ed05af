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
** WriteObject(InputObject, !NoEnumerate): the bound PSObject[] is written
** element by element, or as one object with -NoEnumerate; a $null
** InputObject ([AllowNull()]) is written as $null.
*/
static enum ev write_output_process(struct cmd_ctx *c, val input)
{
    (void)input;
    val objs = cmd_arg(c, WO_INPUT_OBJECT);
    if (val_kind(objs) != VAL_ARRAY)
        return cmd_write(c, val_is_null(objs) ? val_null() : val_copy(objs));
    val sw = cmd_arg(c, WO_NO_ENUMERATE);
    if (val_kind(sw) == VAL_SWITCH && sw.u.b)
        return cmd_write(c, val_copy(objs));
    uint32_t n = val_arr_len(objs);
    for (uint32_t i = 0; i < n; i++) {
        enum ev rc = cmd_write(c, val_arr_get(objs, i));
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
