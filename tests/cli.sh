#!/bin/sh
# tests/cli.sh EMSH SRCDIR - the emsh program's command line: options, exit
# status, messages, and that --help, the manual page and the bash completion
# name the same options.
set -u
emsh=$1
src=$2
tmp=${TMPDIR:-/tmp}/emsh-cli.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect STATUS CMD...: runs CMD, checks its exit status
expect() {
    want=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "$* exited $got, expected $want"
}

expect 0 "$emsh" --version
grep -q '^emsh [0-9]' "$tmp/out" || fail "--version prints 'emsh VERSION'"
expect 0 "$emsh" --help
grep -q '^usage: emsh' "$tmp/out" || fail "--help prints the usage"
expect 2 "$emsh"
expect 2 "$emsh" --no-such-option
grep -q "unknown option '--no-such-option'" "$tmp/err" || fail "unknown option is named"
expect 2 "$emsh" --syntax-check

printf 'Get-Mailbox | ft Name\n' >"$tmp/good.ps1"
printf 'if ($x {\n' >"$tmp/bad.ps1"
expect 0 "$emsh" --syntax-check "$tmp/good.ps1"
[ -s "$tmp/err" ] && fail "a good file prints nothing on stderr"
expect 1 "$emsh" --syntax-check "$tmp/good.ps1" "$tmp/bad.ps1"
grep -q "^At $tmp/bad.ps1:1 char:7\$" "$tmp/err" || fail "error names file, line and column"
grep -q "Missing closing ')' after expression in 'if' statement." "$tmp/err" || fail "PowerShell wording"
grep -q "FullyQualifiedErrorId : MissingEndParenthesisAfterStatement" "$tmp/err" || fail "error id"
expect 1 "$emsh" --syntax-check "$tmp/missing.ps1"
grep -q "cannot read '$tmp/missing.ps1'" "$tmp/err" || fail "unreadable file is named"
printf 'Get-Date\n' | "$emsh" --syntax-check - || fail "stdin is read for -"

expect 0 "$emsh" --dump-ast -c 'Write-Output 2+2'
grep -q 'String Bare "2+2"' "$tmp/out" || fail "--dump-ast -c shows argument mode"
expect 1 "$emsh" --dump-ast -c '$x = ('

# --help, the manual page and the completion agree on the options.
for opt in $("$emsh" --help | grep -o -- '--[a-z-]*' | sort -u); do
    grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$src/man/emsh.1" || fail "man page lacks $opt"
    grep -q -- "$opt" "$src/completions/emsh.bash" || fail "completion lacks $opt"
done
bash -n "$src/completions/emsh.bash" || fail "completion script is valid bash"

[ "$fails" -eq 0 ] && echo "cli: all checks passed"
exit "$fails"
