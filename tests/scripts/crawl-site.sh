#!/bin/sh
# End to end on the bundled sample site: crawl it from its home page, feed and sitemap
# index (plus a redirect chain, a robots-disallowed page and a 404), then check the
# corpus and the frontier: robots obeyed, every article stored once, duplicates merged,
# redirects recorded, failures counted in the exit code; crawl again and see conditional
# GETs answered 304; read the WARC back.
set -u
: "${NEWSMINE:?}" "${NEWSMINE_SITE:?}"
[ -x "$NEWSMINE_SITE" ] || { echo "skip: no $NEWSMINE_SITE"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "skip: needs the sqlite3 shell"; exit 77; }
root="${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/site/www"
. "${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/site.sh"
[ -d "$root" ] || { echo "skip: no sample site at $root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nm-crawl-site.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*"; sed 's/^/  err: /' "$work/err" | tail -5; exit 1; }

site_start --gen-pages 10
db="$work/c.db"

crawl() {
	"$NEWSMINE" crawl --db "$db" --delay 0 --per-host 4 --max-depth 2 --log-json \
		--warc "$work/c.warc.gz" --max-attempts 2 --retry-ms 10 \
		"$base/" "$base/feed.xml" "$base/sitemap_index.xml" "$base/_fault/redirect-chain" \
		"$base/private/secret.html" "$base/no-such-page.html" > "$work/out" 2> "$work/err"
}
crawl
rc=$?
if grep -q 'corpus: not built yet' "$work/err"; then echo "skip: the corpus is not built in this tree"; exit 77; fi
[ "$rc" -eq 75 ] || fail "exit $rc, want 75 (one 404)"
q() { sqlite3 "$db" "$1"; }

[ "$(q "select count(*) from frontier where url like '%/private/secret.html' and state = 4 and error = 'robots'")" = 1 ] ||
	fail "robots-disallowed page not skipped"
[ "$(q "select count(*) from frontier_attempts a join frontier f on f.id = a.url_id where f.url like '%secret%' and a.status > 0")" = 0 ] ||
	fail "robots-disallowed page was fetched"
[ "$(q "select error from frontier where url like '%no-such-page.html'")" = http_404 ] || fail "404 not recorded"
[ "$(q "select final_url from frontier where url like '%/_fault/redirect-chain'")" = "$base/news/2025/11/crypto-liquidations-reset-or-risk-off.html" ] ||
	fail "redirect target not recorded"
articles=$(ls "$root"/news/2025/*/*.html 2>/dev/null | wc -l)
[ "$articles" -gt 0 ] || articles=50
stored=$(q "select count(distinct f.content_hash) from frontier f where f.url like '%/news/2025/%'")
[ "$stored" -ge "$articles" ] || fail "$stored article hashes in the frontier, want $articles"
docs=$(q "select count(*) from documents")
hashes=$(q "select count(distinct content_hash) from documents")
[ "$docs" = "$hashes" ] || fail "$docs documents but $hashes distinct contents"
# each stored content once, even where two URLs carry it
dups=$(q "select count(*) from (select content_hash from frontier where content_hash is not null group by content_hash having count(*) > 1)")
echo "site crawl: $docs documents, $stored article contents, $dups contents under several URLs"
[ "$(q "pragma integrity_check")" = ok ] || fail "integrity_check"

# again: sources are re-fetched with their validators -> 304 Not Modified
crawl
grep -q '"result":"not_modified"' "$work/out" || fail "no conditional GET answered 304 on the re-crawl"
[ "$(q "select count(*) from documents")" = "$docs" ] || fail "re-crawl changed the document count"

# the WARC reads back: our reader through analyze --warc
n=$("$NEWSMINE" analyze --warc "$work/c.warc.gz" 2>/dev/null | wc -l)
[ "$n" -ge "$articles" ] || fail "analyze --warc read $n responses"
echo "ok: warc holds $n HTML responses"
