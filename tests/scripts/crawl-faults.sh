#!/bin/sh
# Every network fault the sample site can inject, in one crawl: each URL must end in the
# right state with the right reason, 429 must be retried after its Retry-After, the
# crawl must finish (no hang on endless bodies or slow servers) and exit 75.
set -u
: "${NEWSMINE:?}" "${NEWSMINE_SITE:?}"
[ -x "$NEWSMINE_SITE" ] || { echo "skip: no $NEWSMINE_SITE"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "skip: needs the sqlite3 shell"; exit 77; }
root="${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/site/www"
. "${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/site.sh"
[ -d "$root" ] || { echo "skip: no sample site at $root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nm-crawl-faults.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
site_start --gen-pages 10
# a 1.5 s timeout: under a sanitizer on a loaded machine even robots.txt took over 0.7 s
t=$$
"$NEWSMINE" crawl --db "$work/c.db" --delay 0 --per-host 8 --max-depth 0 --max-attempts 3 \
	--retry-ms 20 --timeout 1500 --log-json \
	"$base/_fault/429/$t" "$base/_fault/flaky/$t" "$base/_fault/500/$t" "$base/_fault/redirect-loop" \
	"$base/_fault/gzip-bomb" "$base/_fault/endless" "$base/_fault/wrong-type" "$base/_fault/reset" \
	"$base/_fault/huge?mb=20" "$base/_fault/slow?ms=5000" "$base/_fault/bad-charset" \
	> "$work/out" 2> "$work/err"
rc=$?
if grep -q 'corpus: not built yet' "$work/err"; then echo "skip: the corpus is not built in this tree"; exit 77; fi
bad=0
expect() { # url-part state error [other acceptable error]
	got=$(sqlite3 "$work/c.db" "select state || ' ' || coalesce(error, '-') from frontier where url like '%$1%'")
	if [ "$got" != "$2 $3" ] && [ "$got" != "$2 ${4:-}" ]; then echo "FAIL: $1: got '$got', want '$2 $3'"; bad=1; else echo "ok    $1: $2 $3"; fi
}
expect "/_fault/429/$t" 2 -
expect "/_fault/flaky/$t" 2 -
expect "/_fault/500/$t" 3 http_5xx
expect "/_fault/redirect-loop" 3 redirect_loop
expect "/_fault/gzip-bomb" 3 too_large
# an endless body ends at the size cap, or at the timeout on a slow (sanitizer) build
expect "/_fault/endless" 3 too_large timeout
expect "/_fault/wrong-type" 4 wrong_type
expect "/_fault/huge" 3 too_large
expect "/_fault/slow" 3 timeout
expect "/_fault/bad-charset" 2 -
got=$(sqlite3 "$work/c.db" "select state from frontier where url like '%/_fault/reset'")
[ "$got" = 3 ] || { echo "FAIL: reset: state $got"; bad=1; }
# 429 came back with Retry-After: 1, so the retry waited at least a second
gap=$(sqlite3 "$work/c.db" "select max(at) - min(at) from frontier_attempts a join frontier f on f.id = a.url_id where f.url like '%/_fault/429/$t'")
[ "${gap:-0}" -ge 1000 ] || { echo "FAIL: 429 retried after ${gap} ms, Retry-After said 1 s"; bad=1; }
[ "$(sqlite3 "$work/c.db" "select count(*) from frontier_attempts a join frontier f on f.id = a.url_id where f.url like '%/_fault/500/$t'")" = 3 ] ||
	{ echo "FAIL: 500 not tried exactly 3 times (--max-attempts)"; bad=1; }
[ "$rc" -eq 75 ] || { echo "FAIL: exit $rc, want 75"; bad=1; }
[ $bad -eq 0 ] || { tail -5 "$work/err"; exit 1; }
