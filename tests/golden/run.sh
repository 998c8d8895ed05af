#!/bin/sh
# run.sh - the parser's golden tests.
#
# Each NAME.ps1 in this directory is parsed with `emsh --dump-ast NAME.ps1`.
# Its standard output must equal NAME.ast. When NAME.err exists the script
# must fail: its standard error must equal NAME.err and the exit status be
# 1; otherwise standard error must be empty and the status 0.
#
#   run.sh EMSH [NAME...]                      check NAME (all inputs if none)
#   EMSH_GOLDEN_UPDATE=1 run.sh EMSH NAME...   write the expected files anew
#
# A mismatch prints a unified diff (expected first) and makes the exit
# status 1. Review every rewritten file before keeping it: a golden file
# that records a wrong tree is a bug, not a test.
set -u

if [ $# -lt 1 ]; then
    echo "usage: $0 EMSH [NAME...]" >&2
    exit 2
fi
emsh=$1
shift
case $emsh in
/*) ;;
*) emsh=$(pwd)/$emsh ;;
esac
if [ ! -x "$emsh" ]; then
    echo "$0: $emsh is not an executable" >&2
    exit 2
fi

# Run from this directory, so that the file names in messages are stable.
cd "$(dirname "$0")" || exit 2
if [ $# -eq 0 ]; then
    for f in *.ps1; do
        set -- "$@" "${f%.ps1}"
    done
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/emsh-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM

status=0
for name in "$@"; do
    name=${name%.ps1}
    if [ ! -f "$name.ps1" ]; then
        echo "FAIL $name: no $name.ps1" >&2
        status=1
        continue
    fi
    "$emsh" --dump-ast "$name.ps1" >"$tmp/out" 2>"$tmp/err"
    rc=$?

    if [ "${EMSH_GOLDEN_UPDATE:-0}" = 1 ]; then
        cp "$tmp/out" "$name.ast"
        if [ -s "$tmp/err" ]; then
            cp "$tmp/err" "$name.err"
        else
            rm -f "$name.err"
        fi
        echo "updated $name (exit status $rc)"
        continue
    fi

    ok=1
    if ! diff -u "$name.ast" "$tmp/out"; then
        ok=0
    fi
    if [ -f "$name.err" ]; then
        if ! diff -u "$name.err" "$tmp/err"; then
            ok=0
        fi
        want=1
    else
        if [ -s "$tmp/err" ]; then
            echo "unexpected standard error:" >&2
            cat "$tmp/err" >&2
            ok=0
        fi
        want=0
    fi
    if [ "$rc" -ne "$want" ]; then
        echo "exit status $rc, expected $want" >&2
        ok=0
    fi
    if [ $ok = 1 ]; then
        echo "ok   $name"
    else
        echo "FAIL $name" >&2
        status=1
    fi
done
exit $status
