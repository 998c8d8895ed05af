#!/usr/bin/env bash
# bench/engine.sh [EMSH] - the cluster engine's figures on a Generated
# organization of 16 servers, 400 databases and 1,600 copies.
#
#   one-shot    the whole process of `emsh -c 'Get-MailboxDatabaseCopyStatus *'`
#               (median of 30 runs, peak memory): load the store, build 1,600
#               records, format the table. Target: under 30 ms.
#   copystatus  engine_invoke of the same request, in-process (engine_bench)
#   failover    Active Manager deciding and applying the failover of a
#               server with 25 active databases. Target: under 5 ms.
#   week        Step-LabClock -Days 7 on the organization. Target: under 1 s.
#
# There is no peer to compare with: an Exchange lab of this size needs
# sixteen Windows servers. The figures are compared with their targets.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
emsh=${1:-}
build=${BENCH_BUILD:-"$root/build-bench"}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target emsh timecmd engine_bench >/dev/null
[ -n "$emsh" ] || emsh="$build/emsh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export EMSH_STORE="$work/org.db" EMSH_CLOCK=virtual
"$emsh" -c 'New-LabOrganization -Template Generated -Servers 16 -DatabasesPerServer 25 -CopiesPerDatabase 4 |
            Out-Null; Step-LabClock -Seconds 1'
read -r s kb <<<"$("$build/bench/timecmd" -n 30 -w 3 "$emsh" -c 'Get-MailboxDatabaseCopyStatus *' |
                  sed -n 's/.*median_s=\([0-9.]*\).*max_rss_kb=\([0-9]*\).*/\1 \2/p')"
oneshot=$(echo "$s * 1000" | bc -l)
printf 'one-shot       %8.2f ms  (emsh -c Get-MailboxDatabaseCopyStatus *, peak %.1f MB; target < 30 ms)\n' \
    "$oneshot" "$(echo "$kb / 1024" | bc -l)"
"$build/bench/engine_bench" -n 5 "$work" | tee "$work/engine.txt"

verdict() { if [ "$(echo "$2 < $3" | bc -l)" = 1 ]; then echo "$1: PASS"; else echo "$1: FAIL"; fi; }
failover=$(sed -n 's/.*decide and apply: \([0-9.-]*\) ms.*/\1/p' "$work/engine.txt")
week=$(sed -n 's/^week *\([0-9.]*\) ms.*/\1/p' "$work/engine.txt")
verdict "one-shot copy status under 30 ms" "$oneshot" 30
verdict "failover of 25 databases under 5 ms" "$failover" 5
verdict "a week of virtual time under 1 s" "$week" 1000
