/*
** rxvalue.h - regular expression results as the .NET objects scripts see.
**
** regex.c matches and knows nothing of values; this module turns one of
** its matches into a System.Text.RegularExpressions.Match record, so that
** [regex]::Match, [regex]::Matches and Select-String's MatchInfo.Matches
** give scripts the same object: Success, Groups, Value, Index and Length,
** with Index and Length counted in UTF-16 units as .NET counts them.
*/
#ifndef EMSH_RXVALUE_H
#define EMSH_RXVALUE_H

#include "regex.h"
#include "value.h"

/*
** The Match for m, a match of rx in the subject s (borrowed); ok false
** gives Match.Empty's shape (Success false, Value "", no groups).
*/
val rxv_match(const struct rx *rx, const struct rx_match *m, const char *s, bool ok);

#endif /* EMSH_RXVALUE_H */
