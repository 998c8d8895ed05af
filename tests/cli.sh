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
expect 0 "$emsh" </dev/null
printf '6 * 7\n' | "$emsh" >"$tmp/out" 2>&1 || fail "a script on stdin runs"
grep -qx 42 "$tmp/out" || fail "a script on stdin prints its output"
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

# Running scripts: -c, a file with arguments, exit codes.
expect 0 "$emsh" -c '"a" + 1'
grep -qx a1 "$tmp/out" || fail "-c runs its text"
printf 'param($Name, [int]$Count = 2)\n"$Name x$Count"\n' >"$tmp/args.ps1"
expect 0 "$emsh" "$tmp/args.ps1" -Count 5 mbx1
grep -qx 'mbx1 x5' "$tmp/out" || fail "script arguments bind to its parameters"
expect 0 "$emsh" -File "$tmp/args.ps1" db
grep -qx 'db x2' "$tmp/out" || fail "-File runs a script with its default values"
expect 7 "$emsh" -c 'exit 7'
expect 1 "$emsh" -c 'throw "stop"'
grep -q '^stop$' "$tmp/err" || fail "a terminating error is shown on stderr"
expect 1 "$emsh" -c '$x = ('
grep -q "Missing closing ')' in expression." "$tmp/err" || fail "a syntax error in -c text is reported"

# One command straight from the calling shell, its words as typed.
expect 0 "$emsh" Write-Output "two words" 3
[ "$(cat "$tmp/out")" = "two words
3" ] || fail "emsh COMMAND ARGS runs the command with its arguments"
expect 1 "$emsh" Get-NoSuchThing
grep -q "The term 'Get-NoSuchThing' is not recognized" "$tmp/err" || fail "an unknown command word is reported"

# --output json: the top-level output as one JSON array, for programs.
expect 0 "$emsh" --output json -c '1..2 | % { [pscustomobject]@{Name="DB$_"; Mounted=$_ -eq 1} }'
[ "$(tr -d ' \n' <"$tmp/out")" = '[{"Name":"DB1","Mounted":true},{"Name":"DB2","Mounted":false}]' ] ||
    fail "--output json prints the objects as one array"
expect 0 "$emsh" --output json -c "'one'"
[ "$(tr -d ' \n' <"$tmp/out")" = '["one"]' ] || fail "--output json wraps a single object in an array"
expect 1 "$emsh" --output json -c "'kept'; throw 'stop'"
[ "$(tr -d ' \n' <"$tmp/out")" = '["kept"]' ] || fail "--output json prints what came before a terminating error"
grep -q "stop" "$tmp/err" || fail "--output json leaves errors on stderr"
expect 2 "$emsh" --output yaml -c 1
grep -q "output takes 'json'" "$tmp/err" || fail "--output names what it takes"

# The organization store and the computer name.
expect 2 "$emsh" --store
grep -q -- "--store needs a path" "$tmp/err" || fail "--store without a path is named"
expect 2 "$emsh" --computer-name
grep -q -- "--computer-name needs a name" "$tmp/err" || fail "--computer-name without a name is named"
expect 0 "$emsh" --computer-name EX01 -c '$env:COMPUTERNAME'
grep -qx EX01 "$tmp/out" || fail "--computer-name sets \$env:COMPUTERNAME"
EMSH_COMPUTERNAME=EX02 "$emsh" -c '$env:COMPUTERNAME' >"$tmp/out" 2>&1 || fail "EMSH_COMPUTERNAME runs"
grep -qx EX02 "$tmp/out" || fail "EMSH_COMPUTERNAME sets \$env:COMPUTERNAME"
EMSH_COMPUTERNAME=EX02 "$emsh" --computer-name EX03 -c '$env:COMPUTERNAME' >"$tmp/out" 2>&1
grep -qx EX03 "$tmp/out" || fail "--computer-name wins over EMSH_COMPUTERNAME"
expect 0 "$emsh" --store "$tmp/lazy.db" -c '1 + 1'
[ -e "$tmp/lazy.db" ] && fail "the store is opened only by an organization cmdlet"
expect 0 "$emsh" --store "$tmp/org.db" --computer-name MBX1 -c '$null = Get-LabClock 2>$null; "ran"'
grep -qx ran "$tmp/out" || fail "an organization cmdlet runs with --store"
[ -e "$tmp/org.db" ] || fail "--store names the store an organization cmdlet opens"
EMSH_STORE="$tmp/env.db" "$emsh" -c '$null = Get-LabClock 2>$null' >/dev/null 2>&1
[ -e "$tmp/env.db" ] || fail "EMSH_STORE names the store"
: >"$tmp/plainfile"
expect 1 "$emsh" --store "$tmp/plainfile/org.db" -c 'Get-LabClock'
grep -q "OrganizationStoreUnavailable,Emsh.LabTasks.GetLabClockCommand" "$tmp/err" ||
    fail "a store that cannot open is an error of the cmdlet"
expect 0 "$emsh" --store "$tmp/plainfile/org.db" -c 'try { Get-LabClock; "not reached" } catch { "caught" }'
[ "$(cat "$tmp/out")" = caught ] || fail "a store that cannot open is a terminating error"

# A store written by another format is refused with a message, and left as it was.
command -v sqlite3 >/dev/null 2>&1 && {
    sqlite3 "$tmp/newer.db" "CREATE TABLE meta(key TEXT PRIMARY KEY, value); INSERT INTO meta VALUES('format', 99);"
    cp "$tmp/newer.db" "$tmp/newer.orig"
    expect 1 "$emsh" --store "$tmp/newer.db" -c 'Get-LabClock'
    grep -q "written by a newer emsh (format 99)" "$tmp/err" || fail "a newer store is refused with its format"
    cmp -s "$tmp/newer.db" "$tmp/newer.orig" || fail "a refused store is left untouched"
}

# A store whose clock is virtual (Set-LabClock) makes Start-Sleep step it, without EMSH_CLOCK.
EMSH_CLOCK= "$emsh" --store "$tmp/clock.db" -c 'New-LabOrganization -Template Empty | Out-Null; Set-LabClock Virtual' ||
    fail "Set-LabClock Virtual"
EMSH_CLOCK= "$emsh" --store "$tmp/clock.db" -c '$a = (Get-LabClock).Now; $t = Measure-Command { Start-Sleep 600 }
    ((Get-LabClock).Now - $a).TotalSeconds; $t.TotalSeconds -lt 60' >"$tmp/out" 2>&1
[ "$(tr '\n' ' ' <"$tmp/out")" = "600 True " ] || fail "Start-Sleep steps a virtual store's clock: $(cat "$tmp/out")"
EMSH_CLOCK= "$emsh" --store "$tmp/none/org.db" -c 'Start-Sleep -Milliseconds 1' || fail "Start-Sleep without a store"
[ -e "$tmp/none" ] && fail "Start-Sleep created a store to ask its clock"

# Several emsh processes on one store take turns: every change lands, nothing breaks.
export EMSH_CLOCK=virtual
"$emsh" --store "$tmp/shared.db" -c 'New-LabOrganization -Template Small | Out-Null' || fail "lab for the shared store"
for i in 1 2 3 4; do
    "$emsh" --store "$tmp/shared.db" -c "1..10 | % { New-Mailbox -Name user-$i-\$_ -UserPrincipalName u$i\$_@contoso.com | Out-Null; Step-LabClock -Seconds 1 }" \
        >"$tmp/conc$i" 2>&1 &
done
wait
cat "$tmp"/conc* | grep -q . && fail "concurrent writers report errors: $(cat "$tmp"/conc* | head -3)"
"$emsh" --store "$tmp/shared.db" -c '(Get-Mailbox -ResultSize Unlimited).Count; (Get-LabClock).Now.ToString("HH:mm:ss")' >"$tmp/out" 2>&1
[ "$(head -1 "$tmp/out")" = 90 ] || fail "every concurrent New-Mailbox landed: $(cat "$tmp/out")"
unset EMSH_CLOCK

# --help, the manual page and the completion agree on the options.
for opt in $("$emsh" --help | grep -o -- '--[a-z-]*' | sort -u); do
    grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$src/man/emsh.1" || fail "man page lacks $opt"
    grep -q -- "$opt" "$src/completions/emsh.bash" || fail "completion lacks $opt"
done
bash -n "$src/completions/emsh.bash" || fail "completion script is valid bash"

[ "$fails" -eq 0 ] && echo "cli: all checks passed"
exit "$fails"
