/*
** wire.c - records, typed values and errors as the engine sends them.
**
** Plain JSON carries strings, numbers, booleans, null and arrays (Exchange's
** multi-valued properties). The .NET types that PowerShell treats apart
** travel as small tagged objects, which the shell turns back into the same
** typed values whichever backend sent them:
**
**     {"$t": "TimeSpan", "v": ticks}            System.TimeSpan
**     {"$t": "DateTime", "v": ticks}            System.DateTime (UTC)
**     {"$t": "ByteQuantifiedSize", "v": bytes}
**     {"$t": "Guid", "v": "8-4-4-4-12"}
**     {"$t": "Enum", "type": "Full.Name", "v": "Member"}
**     {"$t": "ADObjectId", "name", "dn", "guid", "display"}
*/
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TICKS_AT_EPOCH 621355968000000000LL

int64_t ms_to_ticks(int64_t ms) { return ms * 10000 + TICKS_AT_EPOCH; }
int64_t ticks_to_ms(int64_t ticks) { return (ticks - TICKS_AT_EPOCH) / 10000; }

void fmt_timespan(int64_t ms, char *buf, size_t n)
{
    const char *sign = ms < 0 ? "-" : "";
    if (ms < 0)
        ms = -ms;
    int64_t d = ms / MS_DAY, h = ms / MS_HOUR % 24, m = ms / MS_MINUTE % 60, s = ms / 1000 % 60,
            f = ms % 1000;
    char frac[16] = "";
    if (f)
        snprintf(frac, sizeof frac, ".%03lld0000", (long long)f);
    if (d)
        snprintf(buf, n, "%s%lld.%02lld:%02lld:%02lld%s", sign, (long long)d, (long long)h, (long long)m,
                 (long long)s, frac);
    else
        snprintf(buf, n, "%s%02lld:%02lld:%02lld%s", sign, (long long)h, (long long)m, (long long)s, frac);
}

/* A tagged value {"$t": tag, "v": v}: built by hand, json_pack's format parsing costs more than the value. */
static json_t *tagged(const char *tag, json_t *v)
{
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "$t", json_string_nocheck(tag));
    json_object_set_new_nocheck(o, "v", v);
    return o;
}

json_t *rec_new(const char *type)
{
    json_t *r = json_object();
    json_object_set_new_nocheck(r, "type", json_string(type));
    json_object_set_new_nocheck(r, "properties", json_object());
    return r;
}

void rec_set(json_t *rec, const char *name, json_t *value)
{
    json_object_set_new_nocheck(json_object_get(rec, "properties"), name, value ? value : json_null());
}

json_t *w_str(const char *s) { return s ? json_string(s) : json_null(); }
json_t *w_int(int64_t v) { return json_integer(v); }
json_t *w_bool(bool b) { return json_boolean(b); }
json_t *w_timespan(int64_t ms) { return tagged("TimeSpan", json_integer(ms * 10000)); }
json_t *w_datetime(int64_t ms) { return ms ? tagged("DateTime", json_integer(ms_to_ticks(ms))) : json_null(); }
json_t *w_size(int64_t bytes) { return tagged("ByteQuantifiedSize", json_integer(bytes)); }
json_t *w_guid(const char *guid) { return tagged("Guid", json_string(guid)); }

json_t *w_enum(const char *type, const char *name)
{
    json_t *o = tagged("Enum", json_string(name));
    json_object_set_new_nocheck(o, "type", json_string(type));
    return o;
}

json_t *w_id(const char *name, const char *dn, const char *guid, const char *display)
{
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "$t", json_string_nocheck("ADObjectId"));
    json_object_set_new_nocheck(o, "name", json_string(name));
    json_object_set_new_nocheck(o, "dn", json_string(dn ? dn : ""));
    if (guid && *guid)
        json_object_set_new_nocheck(o, "guid", json_string(guid));
    if (display)
        json_object_set_new_nocheck(o, "display", json_string(display));
    return o;
}

/* The configuration-partition DN of the organization's objects. */
static void config_dn(struct org *g, char *buf, size_t n)
{
    char dc[160] = "";
    size_t k = 0;
    const char *p = g->domain;
    while (*p && k + 8 < sizeof dc) {
        k += (size_t)snprintf(dc + k, sizeof dc - k, "%sDC=", k ? "," : "");
        while (*p && *p != '.' && k + 2 < sizeof dc)
            dc[k++] = *p++;
        dc[k] = '\0';
        if (*p == '.')
            p++;
    }
    snprintf(buf, n, "CN=Configuration,%s", dc);
}

const char *obj_dn(struct org *g, const void *obj, char *buf, size_t n)
{
    const struct obj *o = obj;
    char cfg[200], org[300];
    config_dn(g, cfg, sizeof cfg);
    snprintf(org, sizeof org,
             "CN=First Organization,CN=Microsoft Exchange,CN=Services,%s", cfg);
    switch (o->cls) {
    case OC_SITE:
        snprintf(buf, n, "CN=%s,CN=Sites,%s", o->name, cfg);
        break;
    case OC_LINK:
        snprintf(buf, n, "CN=%s,CN=IP,CN=Inter-Site Transports,CN=Sites,%s", o->name, cfg);
        break;
    case OC_SERVER:
        snprintf(buf, n, "CN=%s,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),"
                         "CN=Administrative Groups,%s", o->name, org);
        break;
    case OC_DAG:
        snprintf(buf, n, "CN=%s,CN=Database Availability Groups,CN=Exchange Administrative Group "
                         "(FYDIBOHF23SPDLT),CN=Administrative Groups,%s", o->name, org);
        break;
    case OC_DB:
        snprintf(buf, n, "CN=%s,CN=Databases,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),"
                         "CN=Administrative Groups,%s", o->name, org);
        break;
    case OC_COPY: {
        const struct copy *c = obj;
        const struct obj *s = org_get(g, c->server);
        const struct obj *d = org_get(g, c->db);
        snprintf(buf, n, "CN=%s,CN=%s,CN=Databases,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),"
                         "CN=Administrative Groups,%.250s", s ? s->name : "", d ? d->name : "", org);
        break;
    }
    case OC_MAILBOX: {
        char dc[160];
        config_dn(g, dc, sizeof dc);
        snprintf(buf, n, "CN=%s,CN=Users,%s", o->name, dc + strlen("CN=Configuration,"));
        break;
    }
    default:
        snprintf(buf, n, "CN=%s", o->name);
    }
    return buf;
}

json_t *w_obj_id(struct org *g, const void *obj)
{
    if (!obj)
        return json_null();
    const struct obj *o = obj;
    char dn[1024], display[300];
    obj_dn(g, obj, dn, sizeof dn);
    const char *shown = NULL;
    if (o->cls == OC_SITE) {
        /* sites print as their canonical name, as Get-ExchangeServer shows them */
        snprintf(display, sizeof display, "%s/Configuration/Sites/%s", g->domain, o->name);
        shown = display;
    } else if (o->cls == OC_MAILBOX) {
        snprintf(display, sizeof display, "%s/Users/%s", g->domain, o->name);
        shown = display;
    }
    return w_id(o->name, dn, o->guid, shown);
}
