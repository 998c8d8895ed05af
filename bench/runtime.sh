#!/usr/bin/env bash
# bench/runtime.sh [EMSH] - the evaluator's speed beside bash, Python 3 and Lua 5.4.
#
# Three workloads, the same work in every language:
#   loop       foreach ($i in 1..1000000) { $s += $i }
#   pipeline   1..1000000 | Where-Object { $_ % 3 -eq 0 } | Measure-Object
#   calls      100000 calls of a one-line function
# Each is timed over a few runs (the best is shown). Target: the pipeline at
# 1M objects in under 1 second, at least 3 times the 0.3M objects/s that
# PowerShell 7 reports for ForEach-Object.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
emsh=${1:-}
if [ -z "$emsh" ]; then
    build="$root/build-bench"
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j"$(nproc)" --target emsh >/dev/null
    emsh="$build/emsh"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${RUNS:-3}

# best wall time of a command over $runs runs, in seconds
best() {
    local t best=
    for _ in $(seq "$runs"); do
        local s e
        s=$(date +%s.%N)
        "$@" >"$work/out" 2>&1
        e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    printf '%.3f' "$best"
}

cat >"$work/loop.ps1" <<'PS'
$s = 0
foreach ($i in 1..1000000) { $s += $i }
$s
PS
cat >"$work/pipe.ps1" <<'PS'
(1..1000000 | Where-Object { $_ % 3 -eq 0 } | Measure-Object).Count
PS
cat >"$work/calls.ps1" <<'PS'
function Add-One($x) { $x + 1 }
$s = 0
for ($i = 0; $i -lt 100000; $i++) { $s = Add-One $s }
$s
PS
cat >"$work/loop.sh" <<'SH'
s=0; for ((i = 1; i <= 1000000; i++)); do s=$((s + i)); done; echo $s
SH
cat >"$work/pipe.sh" <<'SH'
n=0; for ((i = 1; i <= 1000000; i++)); do if ((i % 3 == 0)); then n=$((n + 1)); fi; done; echo $n
SH
cat >"$work/calls.sh" <<'SH'
add_one() { r=$(( $1 + 1 )); }
s=0; for ((i = 0; i < 100000; i++)); do add_one $s; s=$r; done; echo $s
SH
cat >"$work/loop.py" <<'PY'
s = 0
for i in range(1, 1000001):
    s += i
print(s)
PY
cat >"$work/pipe.py" <<'PY'
print(sum(1 for x in filter(lambda v: v % 3 == 0, range(1, 1000001))))
PY
cat >"$work/calls.py" <<'PY'
def add_one(x):
    return x + 1
s = 0
for i in range(100000):
    s = add_one(s)
print(s)
PY
cat >"$work/loop.lua" <<'LUA'
local s = 0
for i = 1, 1000000 do s = s + i end
print(s)
LUA
cat >"$work/pipe.lua" <<'LUA'
local function pred(v) return v % 3 == 0 end
local n = 0
for i = 1, 1000000 do if pred(i) then n = n + 1 end end
print(n)
LUA
cat >"$work/calls.lua" <<'LUA'
local function add_one(x) return x + 1 end
local s = 0
for i = 1, 100000 do s = add_one(s) end
print(s)
LUA

lua=$(command -v lua5.4 || command -v lua || true)
printf '%-10s %-8s %10s %14s\n' workload tool seconds items/s
declare -A expect=([loop]=500000500000 [pipe]=333333 [calls]=100000)
for w in loop pipe calls; do
    items=1000000
    [ "$w" = calls ] && items=100000
    for tool in emsh bash python3 lua; do
        case $tool in
        emsh) cmd=("$emsh" "$work/$w.ps1") ;;
        bash) cmd=(bash "$work/$w.sh") ;;
        python3) command -v python3 >/dev/null || continue; cmd=(python3 "$work/$w.py") ;;
        lua) [ -n "$lua" ] || continue; cmd=("$lua" "$work/$w.lua") ;;
        esac
        t=$(best "${cmd[@]}")
        if [ "$(tr -d ' \r\n' <"$work/out")" != "${expect[$w]}" ]; then
            printf '%-10s %-8s %10s   wrong output: %s\n' "$w" "$tool" - "$(head -c 60 "$work/out")"
            [ "$tool" = emsh ] && [ "$w" = pipe ] && pipe_time=99
            continue
        fi
        rate=$(echo "$items / $t" | bc -l 2>/dev/null || echo 0)
        printf '%-10s %-8s %10s %14.0f\n' "$w" "$tool" "$t" "$rate"
        [ "$tool" = emsh ] && [ "$w" = pipe ] && pipe_time=$t
    done
done
echo
if [ "$(echo "${pipe_time:-99} < 1.0" | bc -l)" = 1 ]; then verdict=PASS; else verdict=FAIL; fi
echo "target: pipeline of 1M objects under 1 s (>= 0.9M objects/s): ${pipe_time:-?} s $verdict"
