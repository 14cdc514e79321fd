#!/bin/sh
# The test runner behind `make check`: unit tests (cmocka binaries), command-line cases
# (tests/cli/<case>/), and scripted end-to-end tests (tests/scripts/*.sh). Prints one
# line per test and ends with "check: N passed, N failed, N skipped".
#
# Environment: NEWSMINE (the binary), NEWSMINE_SITE (the sample-site server), BUILD
# (the build directory holding tests/), SHARED (default ../shared beside the repo).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${BUILD:=build/release}"
: "${NEWSMINE:=$top/newsmine}"
: "${NEWSMINE_SITE:=$top/newsmine-site}"
: "${SHARED:=$(cd "$top/.." && pwd)/shared}"
export NEWSMINE NEWSMINE_SITE SHARED
export NEWSMINE_TOP="$top"
passed=0 failed=0 skipped=0 failures=""
work=$(mktemp -d "${TMPDIR:-/tmp}/newsmine-check.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

result() { # name status(0 pass, 77 skip, else fail) [detail]
	case "$2" in
	0) passed=$((passed + 1)); echo "ok    $1" ;;
	77) skipped=$((skipped + 1)); echo "skip  $1${3:+: $3}" ;;
	*) failed=$((failed + 1)); failures="$failures $1"; echo "FAIL  $1${3:+: $3}" ;;
	esac
}

# 1. unit tests: each cmocka binary is one test; its own report goes to the log.
for bin in "$top/$BUILD"/tests/test_*; do
	[ -x "$bin" ] || continue
	name="unit/$(basename "$bin")"
	log="$work/$(basename "$bin").log"
	(cd "$top" && "$bin") >"$log" 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		sed 's/^/      /' "$log" | tail -40
	fi
	result "$name" $rc
done

# 2. command-line cases: cmd (shell, run in a fresh directory), exit, stdout, stderr.
for dir in "$top"/tests/cli/*/; do
	[ -f "$dir/cmd" ] || continue
	name="cli/$(basename "$dir")"
	case_work="$work/cli-$(basename "$dir")"
	mkdir -p "$case_work"
	# a case reading the shared data names its files as "$SHARED/...": skip without them
	missing=""
	for f in $(grep -o '\$SHARED/[^" ]*' "$dir/cmd" | sed 's|^\$SHARED/||'); do
		[ -e "$SHARED/$f" ] || missing="$SHARED/$f"
	done
	if [ -n "$missing" ]; then
		result "$name" 77 "needs $missing"
		continue
	fi
	(cd "$case_work" && CASE="$dir" sh "$dir/cmd") >"$case_work/out" 2>"$case_work/err" </dev/null
	rc=$?
	want=0
	[ -f "$dir/exit" ] && want=$(cat "$dir/exit")
	why=""
	[ "$rc" -eq "$want" ] || why="exit $rc, want $want"
	if [ -z "$why" ] && [ -f "$dir/stdout" ] && ! cmp -s "$dir/stdout" "$case_work/out"; then
		why="stdout differs"
		diff "$dir/stdout" "$case_work/out" | head -20 | sed 's/^/      /'
	fi
	if [ -z "$why" ] && [ -f "$dir/stderr" ] && ! grep -qF -- "$(cat "$dir/stderr")" "$case_work/err"; then
		why="stderr lacks '$(cat "$dir/stderr")'"
	fi
	if [ -n "$why" ]; then
		sed 's/^/      stderr: /' "$case_work/err" | head -10
		result "$name" 1 "$why"
	else
		result "$name" 0
	fi
done

# 3. scripted tests: exit 0 pass, 77 skip (reason on the last line of output), else fail.
for t in "$top"/tests/scripts/*.sh; do
	[ -f "$t" ] || continue
	name="script/$(basename "$t" .sh)"
	log="$work/$(basename "$t").log"
	(cd "$work" && sh "$t") >"$log" 2>&1 </dev/null
	rc=$?
	if [ $rc -eq 77 ]; then
		result "$name" 77 "$(tail -n 1 "$log")"
	else
		[ $rc -ne 0 ] && sed 's/^/      /' "$log" | tail -30
		result "$name" $rc
	fi
done

[ -n "$failures" ] && echo "failed:$failures"
echo "check: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
