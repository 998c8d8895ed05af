#!/bin/sh
# tests/scripts/run.sh EMSH SCRIPT - runs one golden script test.
#
# The script's standard output and error, interleaved as a console shows
# them, must equal SCRIPT with .ps1 replaced by .out, and its exit status
# the number in the first line of the .out file's companion .status (0 when
# there is none). Paths of the tests directory print as <dir>. Each script
# gets a fresh, empty organization store, a virtual clock that starts at
# 2026-01-05 08:00 and the computer name MBX1, so its output is the same
# on every run. With
# EMSH_GOLDEN_UPDATE=1 the expected files are rewritten instead.
set -u
emsh=$1
script=$2
dir=$(cd "$(dirname "$script")" && pwd)
base=$(basename "$script" .ps1)
expected="$dir/$base.out"
status_file="$dir/$base.status"
actual=$(mktemp)
store_dir=$(mktemp -d)
trap 'rm -f "$actual"; rm -rf "$store_dir"' EXIT
cd "$dir" || exit 1
COLUMNS=120 EMSH_CLOCK=virtual EMSH_CLOCK_START=2026-01-05T08:00:00 EMSH_COMPUTERNAME=MBX1 \
    EMSH_STORE="$store_dir/org.db" "$emsh" "$base.ps1" >"$actual" 2>&1
status=$?
sed -i "s|$dir|<dir>|g" "$actual"
want_status=0
[ -f "$status_file" ] && want_status=$(head -n 1 "$status_file")
if [ "${EMSH_GOLDEN_UPDATE:-}" = 1 ]; then
    cp "$actual" "$expected"
    if [ "$status" -ne 0 ]; then echo "$status" >"$status_file"; else rm -f "$status_file"; fi
    exit 0
fi
fail=0
if ! diff -u "$expected" "$actual"; then
    echo "FAIL: $script: output differs (expected $expected)"
    fail=1
fi
if [ "$status" -ne "$want_status" ]; then
    echo "FAIL: $script: exit status $status, expected $want_status"
    fail=1
fi
exit $fail
