/*
** h_mailbox.c - mailboxes, enough to place them on databases (and for
** routing to find their database): New-, Get-, Remove-Mailbox.
*/
#include "engine_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAILBOX_VERSION "0.20 (15.0.0.0)"

/* An Unlimited[ByteQuantifiedSize] quota. */
static json_t *quota(int64_t bytes) { return bytes < 0 ? w_str("Unlimited") : w_size(bytes); }

static struct rec *mailbox_record(struct org *g, struct mailbox *m)
{
    struct rec *r = rec_new("Microsoft.Exchange.Data.Directory.Management.Mailbox");
    struct database *d = org_get(g, m->db);
    struct server *s = d ? db_active_server(g, d) : NULL;
    char lo[NAME_MAX_LEN + 1] = "", upn[300], ou[200];
    for (size_t i = 0; s && s->o.name[i] && i < NAME_MAX_LEN; i++)
        lo[i] = (char)tolower((unsigned char)s->o.name[i]);
    rec_set(r, "Name", w_str(m->o.name));
    rec_set(r, "Alias", w_str(m->alias));
    rec_set(r, "DisplayName", w_str(m->display_name));
    rec_set(r, "ServerName", w_str(lo));
    rec_set(r, "Database", w_obj_id(g, d));
    rec_set(r, "ProhibitSendQuota", quota(m->send_quota));
    rec_set(r, "ProhibitSendReceiveQuota", quota(m->sendreceive_quota));
    rec_set(r, "IssueWarningQuota", quota(m->warn_quota));
    rec_set(r, "UseDatabaseQuotaDefaults", w_bool(m->use_db_quota));
    rec_set(r, "PrimarySmtpAddress", w_str(m->smtp));
    char smtp[300];
    snprintf(smtp, sizeof smtp, "SMTP:%s", m->smtp);
    rec_set(r, "EmailAddresses", json_pack("[s]", smtp));
    snprintf(upn, sizeof upn, "%s@%s", m->alias, g->domain);
    rec_set(r, "UserPrincipalName", w_str(upn));
    rec_set(r, "SamAccountName", w_str(m->alias));
    snprintf(ou, sizeof ou, "%s/Users", g->domain);
    rec_set(r, "OrganizationalUnit", w_str(ou));
    rec_set(r, "RecipientType", w_str("UserMailbox"));
    rec_set(r, "RecipientTypeDetails", w_str("UserMailbox"));
    rec_set(r, "ExchangeGuid", w_guid(m->o.guid));
    ad_tail(g, r, m, MAILBOX_VERSION, "Person", "user");
    return r;
}

static void get_mailbox(struct call *k)
{
    struct org *g = k->g;
    void **v;
    int n = get_targets(k, OC_MAILBOX, "Identity", &v);
    struct database *db = NULL;
    struct server *srv = NULL;
    if (p_str(k, "Database") && !(db = resolve_one(k, OC_DB, p_str(k, "Database"), "database")))
        goto out;
    if (p_str(k, "Server") && !(srv = resolve_one(k, OC_SERVER, p_str(k, "Server"), "server")))
        goto out;
    /* ResultSize: 1000 by default, Unlimited for all */
    int64_t limit = 1000;
    const char *rs = p_str(k, "ResultSize");
    json_t *rsv = p_get(k, "ResultSize");
    if (rs && !strcasecmp(rs, "Unlimited"))
        limit = -1;
    else if (rsv)
        limit = p_int(k, "ResultSize", 1000);
    int64_t shown = 0;
    for (int i = 0; i < n; i++) {
        struct mailbox *m = v[i];
        struct database *d = org_get(g, m->db);
        if ((db && m->db != db->o.id) || (srv && (!d || d->server != srv->o.id)))
            continue;
        if (limit >= 0 && shown == limit) {
            k_warn(k, "By default, only the first %lld items are returned. Use the ResultSize parameter to specify "
                      "the number of items returned. To return all items, specify \"-ResultSize Unlimited\". Be "
                      "aware that, depending on the actual number of items, returning all items can take a long "
                      "time and consume a large amount of memory. Also, we don't recommend storing the results in a "
                      "variable. Instead, pipe the results to another task or script to perform batch changes.",
                   (long long)limit);
            break;
        }
        k_out(k, mailbox_record(g, m));
        shown++;
    }
out:
    free(v);
}

static void new_mailbox(struct call *k)
{
    struct org *g = k->g;
    const char *name = p_str(k, "Name");
    if (!name || !*name || strlen(name) > NAME_MAX_LEN) {
        k_error(k, "ArgumentException", "InvalidArgument", name, "The mailbox name must be 1 to 64 characters.");
        return;
    }
    char alias[NAME_MAX_LEN + 1];
    const char *a = p_str(k, "Alias");
    size_t j = 0;
    for (const char *p = a ? a : name; *p && j < NAME_MAX_LEN; p++)
        if (isalnum((unsigned char)*p) || strchr("-_.", *p))
            alias[j++] = *p;
    alias[j] = '\0';
    void *dup[1];
    if (org_find(g, OC_MAILBOX, name) || find_objects(g, OC_MAILBOX, alias, false, dup, 1)) {
        k_error(k, "ADObjectAlreadyExistsException", "NotSpecified", name,
                "The name \"%s\" or alias \"%s\" is already being used. Please try another name.", name, alias);
        return;
    }
    struct database *d = NULL;
    if (p_str(k, "Database")) {
        if (!(d = resolve_one(k, OC_DB, p_str(k, "Database"), "database")))
            return;
    } else {
        /* automatic placement: the mounted, non-recovery database with the fewest mailboxes */
        int best = -1;
        for (int i = 0; i < ORG_N(g, OC_DB); i++) {
            struct database *x = ORG_DBS(g)[i];
            if (x->recovery || x->state != DB_MOUNTED)
                continue;
            int n = 0;
            for (int m = 0; m < ORG_N(g, OC_MAILBOX); m++)
                n += ORG_MAILBOXES(g)[m]->db == x->o.id;
            if (best < 0 || n < best) {
                best = n;
                d = x;
            }
        }
        if (!d) {
            k_error(k, "InvalidOperationException", "InvalidOperation", name,
                    "There's no mounted mailbox database available for automatic mailbox placement.");
            return;
        }
    }
    if (d->recovery) {
        k_error(k, "InvalidOperationException", "InvalidOperation", name, "Mailboxes can't be created in a recovery database.");
        return;
    }
    if (!k_should(k, "Creating mailbox \"%s\" in database \"%s\".", name, d->o.name))
        return;
    struct mailbox *m = mailbox_new(g, name, alias, d);
    const char *dn = p_str(k, "DisplayName");
    if (dn)
        snprintf(m->display_name, sizeof m->display_name, "%s", dn);
    const char *smtp = p_str(k, "PrimarySmtpAddress");
    if (smtp)
        snprintf(m->smtp, sizeof m->smtp, "%s", smtp);
    k_out(k, mailbox_record(g, m));
}

/* A quota parameter: Unlimited (-1), a size, or -2 after the error. */
static int64_t quota_param(struct call *k, const char *name, int64_t cur)
{
    int64_t q = p_size(k, name, cur);
    if (q == -2)
        k_error(k, "ArgumentException", "InvalidArgument", NULL,
                "The value of %s must be Unlimited or a size such as 2GB.", name);
    return q;
}

static void set_mailbox(struct call *k)
{
    struct org *g = k->g;
    struct mailbox *m = resolve_one(k, OC_MAILBOX, p_str(k, "Identity") ? p_str(k, "Identity") : "", "mailbox");
    if (!m)
        return;
    int64_t warn = quota_param(k, "IssueWarningQuota", m->warn_quota),
            send = quota_param(k, "ProhibitSendQuota", m->send_quota),
            both = quota_param(k, "ProhibitSendReceiveQuota", m->sendreceive_quota);
    if (warn == -2 || send == -2 || both == -2)
        return;
    /* Exchange checks the order of the three limits that are set */
    if ((send >= 0 && both >= 0 && send > both) || (warn >= 0 && send >= 0 && warn > send)) {
        k_error(k, "ArgumentException", "InvalidArgument", m->o.name,
                "The value of IssueWarningQuota must be no more than ProhibitSendQuota, which must be no more "
                "than ProhibitSendReceiveQuota.");
        return;
    }
    const char *alias = p_str(k, "Alias"), *name = p_str(k, "Name"), *smtp = p_str(k, "PrimarySmtpAddress");
    if (alias) {
        void *other[1];
        if (find_objects(g, OC_MAILBOX, alias, false, other, 1) && other[0] != m) {
            k_error(k, "ADObjectAlreadyExistsException", "NotSpecified", alias,
                    "The alias \"%s\" is already being used. Please try another alias.", alias);
            return;
        }
    }
    if (!k_should(k, "Setting mailbox \"%s\".", m->o.name))
        return;
    m->warn_quota = warn;
    m->send_quota = send;
    m->sendreceive_quota = both;
    m->use_db_quota = p_bool(k, "UseDatabaseQuotaDefaults", m->use_db_quota);
    if (alias)
        snprintf(m->alias, sizeof m->alias, "%s", alias);
    if (name)
        snprintf(m->o.name, sizeof m->o.name, "%s", name);
    if (smtp)
        snprintf(m->smtp, sizeof m->smtp, "%s", smtp);
    if (p_str(k, "DisplayName"))
        snprintf(m->display_name, sizeof m->display_name, "%s", p_str(k, "DisplayName"));
    touch(g, m);
}

static void remove_mailbox(struct call *k)
{
    struct mailbox *m = resolve_one(k, OC_MAILBOX, p_str(k, "Identity") ? p_str(k, "Identity") : "", "mailbox");
    if (!m)
        return;
    if (!k_should(k, "Removing mailbox \"%s\".", m->o.name))
        return;
    org_delete(k->g, m);
}

const struct handler mailbox_handlers[] = {
    {"Get-Mailbox", get_mailbox, H_MAILBOXES},
    {"New-Mailbox", new_mailbox, H_MAILBOXES},
    {"Set-Mailbox", set_mailbox, H_MAILBOXES},
    {"Remove-Mailbox", remove_mailbox, H_MAILBOXES},
    {NULL, NULL, 0},
};
