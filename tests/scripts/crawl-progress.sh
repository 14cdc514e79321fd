#!/bin/sh
# Feedback: on a terminal the crawl draws a progress line (fetched, rate, stored, queued,
# in flight, hosts waiting on politeness, errors, and an ETA whenever URLs are queued),
# redrawn in place, then a summary; piped, stderr gets only the summary (no escapes),
# and --log-json keeps stdout machine-readable: one JSON object a line. The terminal is a
# pseudo-terminal from script(1) (util-linux's bsdutils, essential on Debian).
set -u
: "${NEWSMINE:?}" "${NEWSMINE_SITE:?}"
[ -x "$NEWSMINE_SITE" ] || { echo "skip: no $NEWSMINE_SITE"; exit 77; }
command -v script >/dev/null 2>&1 || { echo "skip: needs script(1) from util-linux"; exit 77; }
# containers and chroots may have no /dev/pts: then no terminal can be had at all
script -qec true /dev/null > /dev/null 2>&1 < /dev/null ||
	{ echo "skip: script(1) cannot open a pseudo-terminal here"; exit 77; }
root="${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/site/www"
. "${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/site.sh"
[ -d "$root" ] || { echo "skip: no sample site at $root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nm-crawl-progress.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
site_start --gen-pages 60
opts="--delay 0 --per-host 4 --max-depth 0"
seq 0 59 | sed "s|^|$base/gen/|; s|\$|.html|" > "$work/seeds"

# 1. on a terminal: stdin, stdout and stderr are the pty; script copies what it shows
script -qec "'$NEWSMINE' crawl --db '$work/t.db' $opts --seeds '$work/seeds'" /dev/null \
	> "$work/tty" 2>&1 < /dev/null
rc=$?
[ $rc -eq 0 ] || { cat "$work/tty"; echo "FAIL: crawl on a terminal exit $rc"; exit 1; }
# the lines as drawn: split at the carriage returns, escapes dropped
tr '\r' '\n' < "$work/tty" | sed 's/\x1b\[K//g' | grep '^crawl: ' > "$work/lines"
grep -q "$(printf '\r\033\\[Kcrawl: ')" "$work/tty" || { cat -v "$work/tty"; echo "FAIL: no progress line redrawn in place"; exit 1; }
prog='^crawl: [0-9]+ fetched \([0-9.]+/s\), [0-9]+ stored, [0-9]+ queued, [0-9]+ in flight, [0-9]+ hosts waiting, [0-9]+ errors(, ETA [0-9]+s)?$'
grep -Eq "$prog" "$work/lines" || { cat "$work/lines"; echo "FAIL: no progress line of the expected form"; exit 1; }
# the last one drawn counts every page; an ETA whenever something is queued and fetched
grep -E "$prog" "$work/lines" | tail -n 1 | grep -q '^crawl: 60 fetched' ||
	{ cat "$work/lines"; echo "FAIL: the last progress line does not count the 60 pages"; exit 1; }
if grep -E "$prog" "$work/lines" | grep -Ev ' 0 queued|^crawl: 0 fetched' | grep -v ', ETA ' | grep -q .; then
	cat "$work/lines"; echo "FAIL: a progress line with queued URLs lacks its ETA"; exit 1
fi
grep -Eq '^crawl: 60 fetched, 60 stored, .* pages/s\)$' "$work/lines" ||
	{ cat "$work/lines"; echo "FAIL: no summary line on the terminal"; exit 1; }

# 2. piped: no progress line and no escapes on stderr, just the summary
"$NEWSMINE" crawl --db "$work/p.db" $opts --seeds "$work/seeds" > "$work/out" 2> "$work/err" < /dev/null
rc=$?
[ $rc -eq 0 ] || { cat "$work/err"; echo "FAIL: piped crawl exit $rc"; exit 1; }
if grep -q "$(printf '[\r\033]')" "$work/err" "$work/out"; then
	cat -v "$work/err"; echo "FAIL: terminal escapes in piped output"; exit 1
fi
[ ! -s "$work/out" ] || { head -3 "$work/out"; echo "FAIL: stdout not empty without --log-json"; exit 1; }
grep -Eq '^crawl: 60 fetched, 60 stored, ' "$work/err" || { cat "$work/err"; echo "FAIL: no summary when piped"; exit 1; }
grep -c . "$work/err" | grep -qx 1 || { cat "$work/err"; echo "FAIL: more than the summary on stderr"; exit 1; }

# 3. --log-json, even on a terminal: JSON lines only on stdout (one per attempt and a
#    summary), no progress line drawn
script -qec "'$NEWSMINE' crawl --db '$work/j.db' $opts --log-json --seeds '$work/seeds' 2> '$work/jerr'" \
	/dev/null > "$work/json" < /dev/null
rc=$?
[ $rc -eq 0 ] || { cat "$work/jerr"; echo "FAIL: --log-json crawl exit $rc"; exit 1; }
tr -d '\r' < "$work/json" > "$work/json.lf"
if grep -v '^{.*}$' "$work/json.lf" | grep -q .; then
	grep -v '^{.*}$' "$work/json.lf" | cat -v | head -3; echo "FAIL: a non-JSON line on stdout"; exit 1
fi
[ "$(grep -c '"result":"ok"' "$work/json.lf")" -ge 60 ] || { echo "FAIL: fewer than 60 attempt lines"; exit 1; }
grep -q '"summary":true.*"fetched":60' "$work/json.lf" || { tail -1 "$work/json.lf"; echo "FAIL: no summary object"; exit 1; }
if grep -q "$(printf '\033')" "$work/jerr"; then echo "FAIL: progress drawn with --log-json"; exit 1; fi
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json, sys
for line in open(sys.argv[1]): json.loads(line)' "$work/json.lf" || { echo "FAIL: invalid JSON"; exit 1; }
fi
echo "progress: $(grep -Ec "$prog" "$work/lines") progress lines drawn; piped and --log-json output clean"
