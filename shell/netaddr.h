/*
** netaddr.h - System.Net.IPAddress and System.Net.Mail.MailAddress: the
** addresses [ipaddress] and [mailaddress] make of text, as .NET Framework
** 4.x parses them.
**
** An IPv4 address may be written as inet_aton(3) takes it (10.1 is
** 10.0.0.1, as IPAddress.Parse has it); an IPv6 address may carry a
** numeric scope (fe80::1%4). A mail address is addr-spec, <addr-spec>,
** or a display name, quoted or not, before <addr-spec>. Each becomes an
** object with .NET's properties in .NET's order, printing as its
** ToString().
*/
#ifndef EMSH_NETADDR_H
#define EMSH_NETADDR_H

#include "value.h"

#include <stdbool.h>
#include <stddef.h>

#define NETADDR_IP "System.Net.IPAddress"
#define NETADDR_MAIL "System.Net.Mail.MailAddress"

/*
** The IPAddress that s[0..n) names (a new reference), or VAL_NOTHING with
** *why set to .NET's message ("An invalid IP address was specified.").
*/
val netaddr_ip(const char *s, size_t n, const char **why);

/*
** The MailAddress that s[0..n) names, or VAL_NOTHING with *why set ("The
** specified string is not in the form required for an e-mail address.").
*/
val netaddr_mail(const char *s, size_t n, const char **why);

/* Is v an object of type (NETADDR_IP or NETADDR_MAIL)? */
bool netaddr_is(val v, const char *type);

#endif /* EMSH_NETADDR_H */
