/*
** h_server.c - servers, sites and site links: Get-ExchangeServer,
** Get-/Set-MailboxServer, Get-/Set-ServerComponentState, Get-/Set-ADSite,
** Get-/Set-ADSiteLink.
*/
#include "engine_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define VERSION_2019 "Version 15.2 (Build 1544.4)"

/* The properties every AD object ends with, as EMS lists them. */
void ad_tail(struct org *g, struct rec *r, const void *obj, const char *exchange_version, const char *category,
             const char *object_class)
{
    const struct obj *o = obj;
    char dn[1024], cat[400];
    obj_dn(g, obj, dn, sizeof dn);
    rec_set(r, "Identity", w_obj_id(g, obj));
    rec_set(r, "IsValid", w_bool(true));
    rec_set(r, "ExchangeVersion", w_str(exchange_version));
    rec_set(r, "DistinguishedName", w_str(dn));
    rec_set(r, "Guid", w_guid(o->guid));
    snprintf(cat, sizeof cat, "%s/Configuration/Schema/%s", g->domain, category);
    rec_set(r, "ObjectCategory", w_str(cat));
    json_t *cls = json_pack("[s, s]", "top", object_class);
    rec_set(r, "ObjectClass", cls);
    rec_set(r, "WhenChanged", w_datetime(o->changed));
    rec_set(r, "WhenCreated", w_datetime(o->created));
    rec_set(r, "WhenChangedUTC", w_datetime(o->changed));
    rec_set(r, "WhenCreatedUTC", w_datetime(o->created));
    char dc[200];
    snprintf(dc, sizeof dc, "DC1.%s", g->domain);
    rec_set(r, "OriginatingServer", w_str(dc));
}

/* Objects of a class for a Get- cmdlet's optional -Identity (wildcards allowed). */
int get_targets(struct call *k, enum obj_class cls, const char *param, void ***out)
{
    struct objv *v = &k->g->all[cls];
    *out = malloc((size_t)(v->n ? v->n : 1) * sizeof **out);
    const char *id = p_str(k, param);
    if (!id) {
        if (v->n)
            memcpy(*out, v->v, (size_t)v->n * sizeof **out);
        return v->n;
    }
    int n = find_objects(k->g, cls, id, true, *out, v->n);
    if (!n && !has_wildcard(id))
        k_not_found(k, "object", id);
    return n;
}

/* {=== servers ===*/

static const char *const edition_enum = "Microsoft.Exchange.Data.ServerEditionType";
static const char *const edition_names[] = {"Standard", "Enterprise", "StandardEvaluation"};

static struct rec *exchange_server_record(struct org *g, struct server *s)
{
    struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.Management.ExchangeServer");
    char fq[300], legacy[400];
    rec_set(r, "Name", w_str(s->o.name));
    rec_set(r, "DataPath", w_str("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Mailbox"));
    rec_set(r, "Domain", w_str(g->domain));
    rec_set(r, "Edition", w_enum(edition_enum, edition_names[s->edition]));
    snprintf(legacy, sizeof legacy,
             "/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=%s",
             s->o.name);
    rec_set(r, "ExchangeLegacyDN", w_str(legacy));
    rec_set(r, "Fqdn", w_str(server_fqdn(g, s, fq, sizeof fq)));
    bool mbx = s->role == ROLE_MAILBOX, edge = s->role == ROLE_EDGE;
    rec_set(r, "IsHubTransportServer", w_bool(mbx || edge));
    rec_set(r, "IsClientAccessServer", w_bool(mbx));
    rec_set(r, "IsEdgeServer", w_bool(edge));
    rec_set(r, "IsMailboxServer", w_bool(mbx));
    rec_set(r, "IsE14OrLater", w_bool(true));
    rec_set(r, "IsE15OrLater", w_bool(true));
    rec_set(r, "IsFrontendTransportServer", w_bool(mbx));
    rec_set(r, "IsProvisionedServer", w_bool(false));
    rec_set(r, "IsUnifiedMessagingServer", w_bool(false));
    json_t *na = json_array();
    char a[320];
    snprintf(a, sizeof a, "ncacn_ip_tcp:%s", fq);
    json_array_append_new(na, json_string(a));
    snprintf(a, sizeof a, "netbios:%s", s->o.name);
    json_array_append_new(na, json_string(a));
    rec_set(r, "NetworkAddress", na);
    rec_set(r, "AdminDisplayVersion", w_str(VERSION_2019));
    rec_set(r, "Site", w_obj_id(g, server_site(g, s)));
    rec_set(r, "ServerRole", w_enum("Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole",
                                    mbx ? "Mailbox" : edge ? "Edge" : "None"));
    ad_tail(g, r, s, "0.1 (8.0.535.0)", "ms-Exch-Exchange-Server", "msExchExchangeServer");
    return r;
}

static void get_exchange_server(struct call *k)
{
    void **v;
    int n = get_targets(k, OC_SERVER, "Identity", &v);
    for (int i = 0; i < n; i++) {
        struct server *s = v[i];
        if (s->role == ROLE_FILESERVER) {
            if (p_str(k, "Identity") && !has_wildcard(p_str(k, "Identity")))
                k_not_found(k, "server", p_str(k, "Identity"));
            continue;
        }
        k_out(k, exchange_server_record(k->g, s));
    }
    free(v);
}

static json_t *limit(int v) { return v < 0 ? json_null() : w_int(v); }

static struct rec *mailbox_server_record(struct org *g, struct server *s)
{
    struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.Management.MailboxServer");
    rec_set(r, "Name", w_str(s->o.name));
    struct dag *dag = org_get(g, s->dag);
    rec_set(r, "DatabaseAvailabilityGroup", dag ? w_obj_id(g, dag) : json_null());
    rec_set(r, "AutoDatabaseMountDial",
            w_enum("Microsoft.Exchange.Data.Directory.SystemConfiguration.AutoDatabaseMountDial", dial_names[s->dial]));
    rec_set(r, "DatabaseCopyAutoActivationPolicy",
            w_enum("Microsoft.Exchange.Data.Directory.SystemConfiguration.DatabaseCopyAutoActivationPolicyType",
                   policy_names[s->policy]));
    rec_set(r, "DatabaseCopyActivationDisabledAndMoveNow", w_bool(s->move_now));
    rec_set(r, "MaximumActiveDatabases", limit(s->max_active));
    rec_set(r, "MaximumPreferredActiveDatabases", limit(s->max_preferred));
    rec_set(r, "AdminDisplayVersion", w_str(VERSION_2019));
    char fq[300];
    rec_set(r, "Fqdn", w_str(server_fqdn(g, s, fq, sizeof fq)));
    rec_set(r, "MessageTrackingLogEnabled", w_bool(true));
    rec_set(r, "MessageTrackingLogMaxAge", w_timespan(30 * MS_DAY));
    rec_set(r, "MessageTrackingLogMaxDirectorySize", w_size(1000LL * 1024 * 1024));
    rec_set(r, "MessageTrackingLogPath",
            w_str("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\MessageTracking"));
    ad_tail(g, r, s, "0.1 (8.0.535.0)", "ms-Exch-Exchange-Server", "msExchExchangeServer");
    return r;
}

static void get_mailbox_server(struct call *k)
{
    void **v;
    int n = get_targets(k, OC_SERVER, "Identity", &v);
    for (int i = 0; i < n; i++) {
        struct server *s = v[i];
        if (s->role != ROLE_MAILBOX) {
            if (p_str(k, "Identity") && !has_wildcard(p_str(k, "Identity")))
                k_not_found(k, "server", p_str(k, "Identity"));
            continue;
        }
        struct rec *r = mailbox_server_record(k->g, s);
        if (p_switch(k, "Status"))
            rec_set(r, "Locale", json_pack("[s]", "en-US"));
        k_out(k, r);
    }
    free(v);
}

static struct server *mailbox_server(struct call *k, const char *param)
{
    const char *id = p_str(k, param);
    struct server *s = id ? resolve_one(k, OC_SERVER, id, "server") : NULL;
    if (s && s->role != ROLE_MAILBOX) {
        k_error(k, "InvalidOperationException", "InvalidOperation", id,
                "The server '%s' isn't a Mailbox server.", s->o.name);
        return NULL;
    }
    return s;
}

/* A limit parameter: $null clears it (-1). */
static bool limit_param(struct call *k, const char *name, int *out)
{
    if (!p_has(k, name))
        return true;
    json_t *v = p_get(k, name);
    if (!v) {
        *out = -1;
        return true;
    }
    int64_t n = p_int(k, name, -1);
    if (n < 0 || n > 10000) {
        k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL, "%s must be between 0 and 10000.", name);
        return false;
    }
    *out = (int)n;
    return true;
}

static void set_mailbox_server(struct call *k)
{
    struct server *s = mailbox_server(k, "Identity");
    if (!s)
        return;
    int max_active = s->max_active, max_pref = s->max_preferred;
    if (!limit_param(k, "MaximumActiveDatabases", &max_active) ||
        !limit_param(k, "MaximumPreferredActiveDatabases", &max_pref))
        return;
    int dial = p_enum(k, "AutoDatabaseMountDial", mount_dial_names, s->dial);
    int policy = p_enum(k, "DatabaseCopyAutoActivationPolicy", policy_names, s->policy);
    bool move_now = p_bool(k, "DatabaseCopyActivationDisabledAndMoveNow", s->move_now);
    if (!k_should(k, "Configuring Mailbox server \"%s\".", s->o.name))
        return;
    s->dial = (uint8_t)dial;
    s->policy = (uint8_t)policy;
    s->max_active = max_active;
    s->max_preferred = max_pref;
    bool moving = move_now && !s->move_now;
    s->move_now = move_now;
    touch(k->g, s);
    if (!moving)
        return;
    /* DatabaseCopyActivationDisabledAndMoveNow: move active databases off now, when a healthy copy exists
       elsewhere; never onto Blocked servers (BCSS already skips those) */
    for (int i = 0; i < ORG_N(k->g, OC_DB); i++) {
        struct database *d = ORG_DBS(k->g)[i];
        if (d->server != s->o.id || d->state != DB_MOUNTED)
            continue;
        struct move_opts o = {.dial = DIAL_LOSSLESS, .switchover = true, .comment = "DatabaseCopyActivationDisabledAndMoveNow"};
        char why[600];
        struct copy *to = bcss(k->g, d, s->o.id, &o, why, sizeof why);
        if (!to || activate(k->g, d, to, &o, why, sizeof why))
            k_warn(k, "Database '%s' stays active on '%s': %s", d->o.name, s->o.name, why);
    }
}

/* }=== */

/* {=== component states ===*/

static int component_index(const char *name)
{
    for (int i = 0; i < NCOMPONENTS; i++)
        if (!strcasecmp(component_names[i], name))
            return i;
    return -1;
}

static json_t *states_list(const struct server *s, int c, bool local)
{
    json_t *a = json_array();
    for (int r = 0; r < NREQUESTERS; r++) {
        const struct comp_entry *e = local ? &s->local[c][r] : &s->remote[c][r];
        if (!e->state)
            continue;
        struct rec *x = rec_new("Microsoft.Exchange.Data.ServerComponentStates.ComponentStateEntry");
        rec_set(x, "Requester", w_str(requester_names[r]));
        rec_set(x, "State", w_enum("Microsoft.Exchange.Data.ServiceState", e->state == CS_ACTIVE ? "Active"
                                   : e->state == CS_INACTIVE ? "Inactive" : "Draining"));
        rec_set(x, "Timestamp", w_datetime(e->at));
        json_array_append_new(a, rec_json(x));
    }
    return a;
}

static void get_server_component_state(struct call *k)
{
    struct server *s = resolve_one(k, OC_SERVER, p_str(k, "Identity"), "server");
    if (!s)
        return;
    const char *only = p_str(k, "Component");
    int want = only ? component_index(only) : -1;
    if (only && want < 0) {
        k_error(k, "ArgumentException", "InvalidArgument", only, "The component '%s' isn't valid.", only);
        return;
    }
    char fq[300];
    server_fqdn(k->g, s, fq, sizeof fq);
    for (int c = 0; c < NCOMPONENTS; c++) {
        if ((want >= 0 && c != want) || c == 17 /* UMCallRouter: Exchange 2016 only */)
            continue;
        struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.Management.ServerComponentStatePresentationObject");
        int st = component_state(s, c, NULL);
        rec_set(r, "Server", w_str(fq));
        rec_set(r, "Component", w_str(component_names[c]));
        rec_set(r, "State", w_enum("Microsoft.Exchange.Data.ServiceState", st == CS_INACTIVE ? "Inactive"
                                   : st == CS_DRAINING ? "Draining" : "Active"));
        rec_set(r, "LocalStates", states_list(s, c, true));
        rec_set(r, "RemoteStates", states_list(s, c, false));
        rec_set(r, "ServerWideOfflineIsOffline", w_bool(component_state(s, 0, NULL) == CS_INACTIVE));
        rec_set(r, "Identity", w_str(fq));
        rec_set(r, "IsValid", w_bool(true));
        k_out(k, r);
    }
}

static void set_server_component_state(struct call *k)
{
    struct server *s = resolve_one(k, OC_SERVER, p_str(k, "Identity"), "server");
    if (!s)
        return;
    const char *comp = p_str(k, "Component"), *req = p_str(k, "Requester"), *state = p_str(k, "State");
    int c = comp ? component_index(comp) : -1;
    if (c < 0) {
        k_error(k, "ArgumentException", "InvalidArgument", comp, "The component '%s' isn't valid.", comp ? comp : "");
        return;
    }
    int r = -1;
    for (int i = 0; i < NREQUESTERS && req; i++)
        if (!strcasecmp(requester_names[i], req))
            r = i;
    if (r < 0) {
        k_error(k, "ArgumentException", "InvalidArgument", req,
                "Requester must be one of HealthApi, Maintenance, Sidelined, Functional, Deployment.");
        return;
    }
    static const char *const states[] = {"Unknown", "Active", "Inactive", "Draining", NULL};
    int st = -1;
    for (int i = 1; states[i] && state; i++)
        if (!strcasecmp(states[i], state))
            st = i;
    if (st < 0) {
        k_error(k, "ArgumentException", "InvalidArgument", state, "State must be Active, Inactive or Draining.");
        return;
    }
    if (p_switch(k, "LocalOnly") && p_switch(k, "RemoteOnly")) {
        k_error(k, "ArgumentException", "InvalidArgument", NULL, "LocalOnly and RemoteOnly can't be used together.");
        return;
    }
    if (!k_should(k, "Setting the state of component \"%s\" on server \"%s\" to \"%s\" for requester \"%s\".",
                  component_names[c], s->o.name, states[st], requester_names[r]))
        return;
    struct comp_entry e = {(uint8_t)st, k->g->now};
    if (!p_switch(k, "RemoteOnly"))
        s->local[c][r] = e;
    if (!p_switch(k, "LocalOnly"))
        s->remote[c][r] = e;
    touch(k->g, s);
    k_event(k->g, "Component", s->o.name, "%s on %s set %s by %s.", component_names[c], s->o.name, states[st],
            requester_names[r]);
}

/* }=== */

/* {=== sites and links ===*/

static struct rec *site_record(struct org *g, struct site *s)
{
    struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.Management.ADSite");
    rec_set(r, "Name", w_str(s->o.name));
    rec_set(r, "HubSiteEnabled", w_bool(s->hub_enabled));
    rec_set(r, "InboundMailEnabled", w_bool(s->inbound_mail_enabled));
    rec_set(r, "PartnerId", w_int(-1));
    rec_set(r, "MinorPartnerId", w_int(-1));
    rec_set(r, "ResponsibleForSites", json_array());
    ad_tail(g, r, s, "0.0 (6.5.6500.0)", "Site", "site");
    return r;
}

static void get_ad_site(struct call *k)
{
    void **v;
    int n = get_targets(k, OC_SITE, "Identity", &v);
    for (int i = 0; i < n; i++)
        k_out(k, site_record(k->g, v[i]));
    free(v);
}

static void set_ad_site(struct call *k)
{
    struct site *s = resolve_one(k, OC_SITE, p_str(k, "Identity"), "site");
    if (!s)
        return;
    bool hub = p_bool(k, "HubSiteEnabled", s->hub_enabled), inbound = p_bool(k, "InboundMailEnabled", s->inbound_mail_enabled);
    if (hub && !s->hub_enabled) {
        bool has_mbx = false;
        for (int i = 0; i < ORG_N(k->g, OC_SERVER); i++)
            has_mbx |= ORG_SERVERS(k->g)[i]->site == s->o.id && ORG_SERVERS(k->g)[i]->role == ROLE_MAILBOX;
        if (!has_mbx)
            k_warn(k, "Site '%s' has no Mailbox server; a hub site needs one to relay messages.", s->o.name);
    }
    if (!k_should(k, "Configuring Active Directory site \"%s\".", s->o.name))
        return;
    s->hub_enabled = hub;
    s->inbound_mail_enabled = inbound;
    touch(k->g, s);
}

/* "Unlimited", bytes, or a size such as "10 MB" / "10MB"; -2 when invalid. */
int64_t parse_size(const char *s)
{
    if (!s)
        return -2;
    if (!strcasecmp(s, "Unlimited"))
        return -1;
    char *end;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    static const struct {
        const char *unit;
        int64_t mul;
    } units[] = {{"B", 1}, {"KB", 1024}, {"MB", 1024 * 1024}, {"GB", 1024LL * 1024 * 1024},
                 {"TB", 1024LL * 1024 * 1024 * 1024}};
    if (!*end)
        return (int64_t)v;
    for (size_t i = 0; i < 5; i++)
        if (!strncasecmp(end, units[i].unit, strlen(units[i].unit)))
            return (int64_t)(v * (double)units[i].mul);
    return -2;
}

static struct rec *link_record(struct org *g, struct sitelink *l)
{
    struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.Management.ADSiteLink");
    rec_set(r, "Name", w_str(l->o.name));
    rec_set(r, "Cost", w_int(l->exchange_cost >= 0 ? l->exchange_cost : l->cost));
    rec_set(r, "ADCost", w_int(l->cost));
    rec_set(r, "ExchangeCost", l->exchange_cost >= 0 ? w_int(l->exchange_cost) : json_null());
    rec_set(r, "MaxMessageSize", l->max_message_size < 0 ? w_str("Unlimited") : w_size(l->max_message_size));
    json_t *sites = json_array();
    for (int i = 0; i < l->nsites; i++)
        json_array_append_new(sites, w_obj_id(g, org_get(g, l->sites[i])));
    rec_set(r, "Sites", sites);
    ad_tail(g, r, l, "0.0 (6.5.6500.0)", "Site-Link", "siteLink");
    return r;
}

static void get_ad_site_link(struct call *k)
{
    void **v;
    int n = get_targets(k, OC_LINK, "Identity", &v);
    for (int i = 0; i < n; i++)
        k_out(k, link_record(k->g, v[i]));
    free(v);
}

static void set_ad_site_link(struct call *k)
{
    struct sitelink *l = resolve_one(k, OC_LINK, p_str(k, "Identity"), "site link");
    if (!l)
        return;
    int xcost = l->exchange_cost;
    int64_t maxsize = l->max_message_size;
    if (p_has(k, "ExchangeCost")) {
        xcost = p_get(k, "ExchangeCost") ? (int)p_int(k, "ExchangeCost", -1) : -1;
        if (p_get(k, "ExchangeCost") && (xcost < 1 || xcost > 99999)) {
            k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL, "ExchangeCost must be between 1 and 99999.");
            return;
        }
    }
    if (p_get(k, "MaxMessageSize")) {
        maxsize = p_size(k, "MaxMessageSize", -1);
        if (maxsize == -2 || (maxsize >= 0 && maxsize < 64 * 1024)) {
            k_error(k, "ArgumentOutOfRangeException", "InvalidArgument", NULL,
                    "MaxMessageSize must be Unlimited or at least 64 KB.");
            return;
        }
    }
    const char *name = p_str(k, "Name");
    if (!k_should(k, "Configuring IP site link \"%s\".", l->o.name))
        return;
    l->exchange_cost = xcost;
    l->max_message_size = maxsize;
    if (name)
        snprintf(l->o.name, sizeof l->o.name, "%s", name);
    touch(k->g, l);
}

/* }=== */

const struct handler server_handlers[] = {
    {"Get-ExchangeServer", get_exchange_server, 0},
    {"Get-MailboxServer", get_mailbox_server, 0},
    {"Set-MailboxServer", set_mailbox_server, 0},
    {"Get-ServerComponentState", get_server_component_state, 0},
    {"Set-ServerComponentState", set_server_component_state, 0},
    {"Get-ADSite", get_ad_site, 0},
    {"Set-ADSite", set_ad_site, 0},
    {"Get-ADSiteLink", get_ad_site_link, 0},
    {"Set-ADSiteLink", set_ad_site_link, 0},
    {NULL, NULL, 0},
};
