#!/usr/bin/env bash
# bench/output.sh [EMSH] - start-up, formatting and JSON figures beside peers.
#
#   start-up   the whole process of `emsh -c 1` (median of 200 runs, and its
#              peak resident memory) beside bash -c, python3 -c and lua -e
#   table      Format-Table of 100,000 objects rendered to text
#   json       ConvertTo-Json of 100,000 objects
# The table and JSON figures are taken inside one process (Measure-Command
# around the work only; the objects are built first), and Python does the
# same work: column widths from the data and a padded table, json.dumps of
# a list of dicts. Targets: start-up under 3 ms median and under 8 MB peak;
# the table under 0.5 s.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
emsh=${1:-}
build=${BENCH_BUILD:-"$root/build-bench"}
if [ -z "$emsh" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j"$(nproc)" --target emsh timecmd >/dev/null
    emsh="$build/emsh"
fi
timecmd=$build/bench/timecmd
[ -x "$timecmd" ] || { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null &&
    cmake --build "$build" --target timecmd >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lua=$(command -v lua5.4 || command -v lua || true)
verdicts=()

# "MEDIAN_SECONDS PEAK_KB" of a command over 200 runs
measure() { "$timecmd" -n 200 -w 10 "$@" | sed -n 's/.*median_s=\([0-9.]*\).*max_rss_kb=\([0-9]*\).*/\1 \2/p'; }

printf '%-10s %-8s %12s %10s\n' figure tool ms "peak MB"
for tool in emsh bash python3 lua; do
    case $tool in
    emsh) cmd=("$emsh" -c 1) ;;
    bash) cmd=(bash -c 'x=1') ;;
    python3) cmd=(python3 -c 'x=1') ;;
    lua) [ -n "$lua" ] || continue; cmd=("$lua" -e 'x=1') ;;
    esac
    read -r s kb <<<"$(measure "${cmd[@]}")"
    m=$(printf '%.1f' "$(echo "$kb / 1024" | bc -l)")
    printf '%-10s %-8s %12.2f %10s\n' start-up "$tool" "$(echo "$s * 1000" | bc -l)" "$m"
    if [ "$tool" = emsh ]; then
        startup_ms=$(echo "$s * 1000" | bc -l)
        startup_mb=$m
    fi
done

cat >"$work/table.ps1" <<'PS'
$objs = foreach ($i in 1..100000) {
    [pscustomobject]@{ Name = "DB$i"; Server = "MBX$($i % 8)"; Mounted = ($i % 5) -ne 0; SizeGB = $i % 977 }
}
$text = $null
$t = Measure-Command { $text = $objs | Format-Table | Out-String }
'{0:F3} {1}' -f $t.TotalSeconds, ($text -split "`n").Count
PS
cat >"$work/tojson.ps1" <<'PS'
$objs = foreach ($i in 1..100000) {
    [pscustomobject]@{ Name = "DB$i"; Server = "MBX$($i % 8)"; Mounted = ($i % 5) -ne 0; SizeGB = $i % 977 }
}
$json = $null
$t = Measure-Command { $json = ConvertTo-Json -InputObject $objs -Compress }
'{0:F3} {1}' -f $t.TotalSeconds, $json.Length
PS
cat >"$work/table.py" <<'PY'
import time
objs = [{"Name": "DB%d" % i, "Server": "MBX%d" % (i % 8), "Mounted": i % 5 != 0, "SizeGB": i % 977}
        for i in range(1, 100001)]
t = time.perf_counter()
cols = list(objs[0])
cells = [[str(o[c]) for c in cols] for o in objs]
w = [max(len(c), *(len(r[k]) for r in cells)) for k, c in enumerate(cols)]
lines = [" ".join(c.ljust(w[k]) for k, c in enumerate(cols)),
         " ".join("-" * len(c) + " " * (w[k] - len(c)) for k, c in enumerate(cols))]
lines += [" ".join(r[k].ljust(w[k]) for k in range(len(cols))) for r in cells]
text = "\n".join(lines)
print("%.3f %d" % (time.perf_counter() - t, len(lines)))
PY
cat >"$work/tojson.py" <<'PY'
import json, time
objs = [{"Name": "DB%d" % i, "Server": "MBX%d" % (i % 8), "Mounted": i % 5 != 0, "SizeGB": i % 977}
        for i in range(1, 100001)]
t = time.perf_counter()
s = json.dumps(objs, separators=(",", ":"))
print("%.3f %d" % (time.perf_counter() - t, len(s)))
PY

echo
printf '%-10s %-8s %12s %14s\n' figure tool seconds objects/s
for w in table tojson; do
    for tool in emsh python3; do
        case $tool in
        emsh) out=$("$emsh" "$work/$w.ps1") ;;
        python3) out=$(python3 "$work/$w.py") ;;
        esac
        read -r t size <<<"$out"
        name=$w; [ "$w" = tojson ] && name=json
        # the work was really done: a line per object, or a document of the right size
        if [ "$w" = table ] && [ "$size" -lt 100000 ]; then
            echo "$w $tool: only $size lines"; exit 1
        fi
        if [ "$w" = tojson ] && [ "$size" -lt 5000000 ]; then
            echo "$w $tool: only $size characters"; exit 1
        fi
        printf '%-10s %-8s %12s %14.0f\n' "$name" "$tool" "$t" "$(echo "100000 / $t" | bc -l)"
        [ "$tool" = emsh ] && [ "$w" = table ] && table_s=$t
    done
done

echo
check() { # check NAME CONDITION
    if [ "$(echo "$2" | bc -l)" = 1 ]; then echo "PASS  $1"; else echo "FAIL  $1"; verdicts+=(fail); fi
}
check "start-up under 3 ms median ($(printf '%.2f' "$startup_ms") ms)" "$startup_ms < 3"
check "start-up under 8 MB peak ($startup_mb MB)" "$startup_mb < 8"
check "Format-Table of 100,000 objects under 0.5 s ($table_s s)" "$table_s < 0.5"
[ "${#verdicts[@]}" -eq 0 ]
