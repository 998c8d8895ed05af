#!/usr/bin/env bash
#
# run.sh - the parser benchmark: emsh against its peers, and its targets.
#
#   bench/run.sh
#
# Builds a Release tree of its own ($BENCH_BUILD, default build-bench/ at the
# top of the tree), generates ~8 MB inputs with bench/gen-inputs.py (the
# corpus as one PowerShell script, and realistic bash, Python and Lua code),
# then measures in one go:
#
#   emsh parser          parse_bench: parse_unit_new+free in-process, best
#                        and median of $BENCH_RUNS runs, arena and peak RSS
#   emsh --syntax-check  the whole process on the 8 MB script
#   bash -n              the whole process on the 8 MB bash script
#   python3 ast.parse    the whole process (start-up included) on 8 MB of
#                        Python; $BENCH_SLOW_RUNS runs, as it takes seconds
#                        (compile() to bytecode costs about the same)
#   luac5.4 -p           the whole process on 8 MB of Lua (or lua5.4 loadfile)
#   emsh --syntax-check  the whole process on one small corpus script
#                        ($BENCH_SMALL), median over $BENCH_SMALL_RUNS runs
#
# Whole-process times are medians from hyperfine when it is installed, else
# from bench/timecmd (posix_spawn + waitpid on the monotonic clock); set
# BENCH_TIMER=timecmd to force the latter. Prints a table, then the targets:
# parser median >= 50 MB/s, small-file syntax check median < 3 ms. Exits 1
# if a target fails, 2 if something could not be built or run. Needs cmake,
# a C compiler and python3; takes well under two minutes.
#
# Knobs (environment): BENCH_BUILD, BENCH_SIZE (8M), BENCH_RUNS (10),
# BENCH_BIG_RUNS (5), BENCH_SLOW_RUNS (3), BENCH_SMALL, BENCH_SMALL_RUNS
# (300), BENCH_TIMER.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BENCH_BUILD:-$root/build-bench}
size=${BENCH_SIZE:-8M}
runs=${BENCH_RUNS:-10}
big_runs=${BENCH_BIG_RUNS:-5}
slow_runs=${BENCH_SLOW_RUNS:-3}
small_runs=${BENCH_SMALL_RUNS:-300}
small=${BENCH_SMALL:-$root/tests/corpus/shared-mailbox-inventory.ps1}
target_mbps=50
target_small_ms=3

die() {
    echo "run.sh: $*" >&2
    exit 2
}

command -v python3 >/dev/null || die "python3 is needed (the generator and a peer)"
# The interpreter itself, not a wrapper such as a pyenv shim, whose start-up
# would be timed too.
python=$(python3 -c 'import sys; print(sys.executable)')

echo "== building Release tree in $build" >&2
mkdir -p "$build"
log=$build/run-build.log
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1 ||
    { cat "$log" >&2; die "configure failed"; }
cmake --build "$build" --target emsh parse_bench timecmd -j "$(nproc 2>/dev/null || echo 2)" \
    >>"$log" 2>&1 || { cat "$log" >&2; die "build failed"; }
emsh=$build/emsh
parse_bench=$build/bench/parse_bench
timecmd=$build/bench/timecmd

inputs=$build/bench-inputs
echo "== generating $size inputs in $inputs" >&2
python3 "$here/gen-inputs.py" --size "$size" --emsh "$emsh" "$inputs" >/dev/null ||
    die "gen-inputs.py failed"
printf 'import ast, sys\nast.parse(open(sys.argv[1], "rb").read(), sys.argv[1])\n' \
    >"$inputs/py_ast.py"
printf 'assert(loadfile(arg[1]))\n' >"$inputs/lua_load.lua"
if [ ! -f "$small" ]; then
    # The default script is gone: take the corpus script of median size.
    small=$(find "$root/tests/corpus" -name '*.ps1' -printf '%s %p\n' | sort -n |
        awk '{ f[NR] = $2 } END { print f[int((NR + 1) / 2)] }')
fi

timer=timecmd
if [ "${BENCH_TIMER:-}" != timecmd ] && command -v hyperfine >/dev/null; then
    timer=hyperfine
fi

# median_of RUNS WARMUP COMMAND...: prints the median wall time in seconds.
median_of() {
    local n=$1 w=$2
    shift 2
    if [ "$timer" = hyperfine ]; then
        local json=$build/hyperfine.json cmd
        cmd=$(printf '%q ' "$@")
        hyperfine -N --style none --runs "$n" --warmup "$w" --export-json "$json" -- "$cmd" \
            >/dev/null 2>"$build/hyperfine.err" || { cat "$build/hyperfine.err" >&2; return 1; }
        python3 -c 'import json, sys; print("%.6f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
    else
        "$timecmd" -n "$n" -w "$w" "$@" | sed -n 's/.*median_s=\([0-9.]*\).*/\1/p'
    fi
}

bytes() { wc -c <"$1" | tr -d ' '; }

rows=()
# row TOOL FILE SECONDS: one line of the table (no MB/s for a small file).
row() {
    local b
    b=$(bytes "$2")
    rows+=("$(awk -v t="$1" -v b="$b" -v s="$3" 'BEGIN {
        size = b >= 100000 ? sprintf("%.2f MB", b / 1e6) : sprintf("%.1f KB", b / 1e3)
        rate = b >= 100000 && s > 0 ? sprintf("%.1f", b / 1e6 / s) : "-"
        printf "%-28s %12s %10.2f ms %9s", t, size, s * 1e3, rate }')")
}

echo "== parse_bench ($runs runs)" >&2
pb=$("$parse_bench" -n "$runs" "$inputs/bench.ps1") || die "parse_bench failed"
result=$(sed -n 's/^RESULT //p' <<<"$pb")
get() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$result"; }
median_mbps=$(get median_mbps)
[ "$(get errors)" = 0 ] || echo "run.sh: warning: bench.ps1 has $(get errors) parse errors" >&2
row "emsh parser (in-process)" "$inputs/bench.ps1" "$(get median_s)"

echo "== whole-process times ($timer; $big_runs runs each on the big inputs)" >&2
row "emsh --syntax-check" "$inputs/bench.ps1" \
    "$(median_of "$big_runs" 1 "$emsh" --syntax-check "$inputs/bench.ps1")"
row "bash -n" "$inputs/bench.sh" "$(median_of "$big_runs" 1 bash -n "$inputs/bench.sh")"
row "python3 ast.parse" "$inputs/bench.py" \
    "$(median_of "$slow_runs" 0 "$python" "$inputs/py_ast.py" "$inputs/bench.py")"
if command -v luac5.4 >/dev/null; then
    row "luac5.4 -p" "$inputs/bench.lua" "$(median_of "$big_runs" 1 luac5.4 -p "$inputs/bench.lua")"
elif command -v lua5.4 >/dev/null; then
    row "lua5.4 loadfile" "$inputs/bench.lua" \
        "$(median_of "$big_runs" 1 lua5.4 "$inputs/lua_load.lua" "$inputs/bench.lua")"
else
    rows+=("$(printf '%-28s %s' "luac5.4 / lua5.4" "not installed")")
fi

echo "== small file: $small ($small_runs runs)" >&2
small_s=$(median_of "$small_runs" 20 "$emsh" --syntax-check "$small")
small_ms=$(awk -v s="$small_s" 'BEGIN { printf "%.2f", s * 1e3 }')
row "emsh --syntax-check (small)" "$small" "$small_s"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo
echo "emsh parser benchmark, $(date '+%Y-%m-%d %H:%M'), ${cpu:-unknown CPU}, $(nproc) CPUs, timer: $timer"
echo
printf '%-28s %12s %13s %9s\n' "tool" "input" "median time" "MB/s"
printf '%-28s %12s %13s %9s\n' "----" "-----" "-----------" "----"
printf '%s\n' "${rows[@]}"
echo
echo "emsh parser: best $(get best_mbps) MB/s, median $median_mbps MB/s over $(get runs) runs;" \
    "arena $(awk -v a="$(get arena_bytes)" -v b="$(get bytes)" 'BEGIN { printf "%.1f MB (%.1f bytes per input byte)", a / 1e6, a / b }');" \
    "peak RSS $(awk -v k="$(get maxrss_kb)" 'BEGIN { printf "%.1f MB", k * 1024 / 1e6 }')"
echo "small file: $(basename "$small") ($(bytes "$small") bytes), median $small_ms ms over $small_runs runs"
echo
fail=0
verdict() { # verdict NAME OK
    if [ "$2" = 1 ]; then echo "PASS  $1"; else echo "FAIL  $1"; fail=1; fi
}
verdict "parser throughput >= $target_mbps MB/s (median: $median_mbps MB/s)" \
    "$(awk -v m="$median_mbps" -v t="$target_mbps" 'BEGIN { print (m >= t) ? 1 : 0 }')"
verdict "small-file syntax check < $target_small_ms ms (median: $small_ms ms)" \
    "$(awk -v m="$small_ms" -v t="$target_small_ms" 'BEGIN { print (m < t) ? 1 : 0 }')"
exit "$fail"
