/*
** rxvalue.c - regular expression results as .NET objects (see rxvalue.h).
*/
#include "rxvalue.h"

#include "text.h"

/* A Match object as [regex]::Match returns it: Success, Value, Index, Length, Groups. */
val rxv_match(const struct rx *rx, const struct rx_match *m, const char *s, bool ok)
{
    val o = val_obj_new("System.Text.RegularExpressions.Match");
    o = val_obj_set(o, "Success", val_bool(ok));
    val groups = val_arr_new();
    for (size_t i = 0; ok && i < rx_group_count(rx); i++) {
        bool set = rx_group_matched(m, i);
        val g = val_obj_new("System.Text.RegularExpressions.Group");
        g = val_obj_set(g, "Success", val_bool(set));
        g = val_obj_set(g, "Name",
                        rx_group_is_named(rx, i) ? val_str_new(rx_group_name(rx, i))
                                                 : val_str_printf("%d", rx_group_number(rx, i)));
        size_t a = set ? m->span[2 * i] : 0, b = set ? m->span[2 * i + 1] : 0;
        g = val_obj_set(g, "Value", val_str_n(s + a, b - a));
        g = val_obj_set(g, "Index", val_int((int32_t)text_utf16_len(s, a)));
        g = val_obj_set(g, "Length", val_int((int32_t)text_utf16_len(s + a, b - a)));
        g = val_obj_set(g, "\x01ToString", val_str_n(s + a, b - a));
        groups = val_arr_push(groups, g);
    }
    size_t a = ok ? m->span[0] : 0, b = ok ? m->span[1] : 0;
    o = val_obj_set(o, "Groups", groups);
    o = val_obj_set(o, "Value", val_str_n(s + a, b - a));
    o = val_obj_set(o, "Index", val_int((int32_t)text_utf16_len(s, a)));
    o = val_obj_set(o, "Length", val_int((int32_t)text_utf16_len(s + a, b - a)));
    o = val_obj_set(o, "\x01ToString", val_str_n(s + a, b - a));
    return o;
}
