#!/usr/bin/env bash
#
# run-fuzz.sh - build the parser's libFuzzer target and fuzz it for a while.
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [LIBFUZZER-OPTION...]
#
# Configures a clang build with EMSH_FUZZ=ON in its own directory
# ($EMSH_FUZZ_BUILD, default build-fuzz/ at the top of the tree), builds
# fuzz_parse, and runs it for SECONDS (default 60) with the PowerShell
# dictionary, seeded from tests/corpus/*.ps1 and tests/golden/*.ps1 as they
# are now. Inputs that found new coverage accumulate in
# build-fuzz/tests/fuzz/corpus/ and are reused by the next run.
#
# Exits non-zero on any crash, sanitizer report, leak, timeout (an input
# taking over 10 s) or out-of-memory (over 2 GB); the input that did it is
# left in build-fuzz/tests/fuzz/artifacts/ (crash-*, leak-*, timeout-*,
# oom-*). To keep one as a regression input, copy it to tests/fuzz/crashes/
# under a descriptive name that does not start with crash-, leak- or
# timeout- (.gitignore ignores those); the fuzz-crashes ctest replays it.
#
# With EMSH_FUZZ_KEEP_GOING=1 it fuzzes in fork mode on every CPU and goes on
# after a failure, to collect every distinct one in the time given; it still
# exits non-zero if any was found.
#
# Examples:  tests/fuzz/run-fuzz.sh 300
#            EMSH_FUZZ_KEEP_GOING=1 tests/fuzz/run-fuzz.sh 600
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${EMSH_FUZZ_BUILD:-$root/build-fuzz}

seconds=${1:-60}
[ $# -gt 0 ] && shift
case $seconds in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS] [LIBFUZZER-OPTION...]" >&2
    exit 2
    ;;
esac

cc=${CC:-clang}
if ! "$cc" --version 2>/dev/null | grep -q clang; then
    echo "run-fuzz.sh: libFuzzer needs clang; '$cc' is not clang (set CC)" >&2
    exit 2
fi

echo "== configuring $build with $cc"
mkdir -p "$build"
log=$build/run-fuzz-build.log
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEMSH_FUZZ=ON >"$log" 2>&1 || {
    cat "$log" >&2
    echo "run-fuzz.sh: configure failed (if $build was made by another compiler, remove it)" >&2
    exit 2
}
echo "== building fuzz_parse"
# (The output goes to a log: clang warns about gcc-only options of the tree.)
cmake --build "$build" --target fuzz_parse -j "$(nproc 2>/dev/null || echo 2)" >>"$log" 2>&1 || {
    cat "$log" >&2
    echo "run-fuzz.sh: build failed" >&2
    exit 2
}

work=$build/tests/fuzz
fuzzer=$work/fuzz_parse
seeds=$work/run-seeds
corpus=$work/corpus
artifacts=$work/artifacts
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"
cp "$root"/tests/corpus/*.ps1 "$seeds"/
if [ -d "$root/tests/golden" ]; then
    find "$root/tests/golden" -name '*.ps1' -type f | while read -r f; do
        cp "$f" "$seeds/golden-$(basename "$f")"
    done
fi
# (The reproducers in crashes/ are not seeds: while one is unfixed it would
# stop every run at once. The fuzz-crashes ctest replays them.)

keep_going=()
if [ -n "${EMSH_FUZZ_KEEP_GOING:-}" ]; then
    keep_going=(-fork="$(nproc 2>/dev/null || echo 2)" -ignore_crashes=1 -ignore_timeouts=1
        -ignore_ooms=1)
fi
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
stamp=$work/run-started
touch "$stamp"
nseeds=$(find "$seeds" -type f | wc -l)
nkept=$(find "$corpus" -type f | wc -l)
echo "== fuzzing for ${seconds}s ($nseeds seeds, $nkept inputs kept from earlier runs)"
rc=0
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict="$here/powershell.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "${keep_going[@]}" "$@" "$corpus" "$seeds" || rc=$?

# In keep-going mode libFuzzer exits 0 after crashes: new artifacts decide.
found=$(find "$artifacts" -type f -newer "$stamp" | sort)
if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
    echo >&2
    echo "run-fuzz.sh: fuzz_parse FAILED (exit $rc); inputs that failed:" >&2
    find "$artifacts" -type f -newer "$stamp" -exec ls -l {} + >&2
    echo "replay one with: UBSAN_OPTIONS=print_stacktrace=1 $fuzzer FILE" >&2
    exit 1
fi
echo "== no crash, leak or timeout in ${seconds}s"
