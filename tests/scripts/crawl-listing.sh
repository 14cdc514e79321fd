#!/bin/sh
# Listing pages (home, section and archive pages of teasers) and site pages (about,
# contact, legal) on the bundled sample site: the crawler follows their links but
# stores no document and no event from them. Seeded
# with the home page alone, every article stored was reached through a listing page.
# Then `ingest` of a listing page stores nothing, and of an article stores it.
set -u
: "${NEWSMINE:?}" "${NEWSMINE_SITE:?}"
[ -x "$NEWSMINE_SITE" ] || { echo "skip: no $NEWSMINE_SITE"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "skip: needs the sqlite3 shell"; exit 77; }
root="${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/site/www"
. "${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/site.sh"
[ -d "$root" ] || { echo "skip: no sample site at $root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nm-crawl-listing.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*"; sed 's/^/  err: /' "$work/err" | tail -5; exit 1; }

site_start
db="$work/c.db"

"$NEWSMINE" crawl --db "$db" --delay 0 --per-host 4 --max-depth 1 --log-json "$base/" \
	> "$work/out" 2> "$work/err"
rc=$?
if grep -q 'corpus: not built yet' "$work/err"; then echo "skip: the corpus is not built in this tree"; exit 77; fi
[ "$rc" -eq 0 ] || fail "crawl exit $rc"
q() { sqlite3 "$db" "$1"; }

summary=$(grep '"summary"' "$work/out")
listing=$(printf '%s' "$summary" | sed -n 's/.*"listing":\([0-9]*\).*/\1/p')
stored=$(printf '%s' "$summary" | sed -n 's/.*"stored":\([0-9]*\).*/\1/p')
[ "${listing:-0}" -ge 5 ] || fail "summary counts ${listing:-no} listing pages, want the home and 4+ section pages: $summary"
docs=$(q "select count(*) from documents")
[ "$docs" = "$stored" ] || fail "$docs documents, the summary says $stored stored"

# the home page and section/archive pages were fetched, are done, and are not documents
for path in / /markets/ /archive.html; do
	[ "$(q "select count(*) from frontier where url = '$base$path' and state = 2")" = 1 ] ||
		fail "$path not fetched"
	[ "$(q "select count(*) from documents where url = '$base$path' or canonical_url = '$base$path'")" = 0 ] ||
		fail "listing page $path stored as a document"
done
# the site's own pages (about, contact, legal) linked from the home page: fetched, not stored
site_pages=$(printf '%s' "$summary" | sed -n 's/.*"site_pages":\([0-9]*\).*/\1/p')
[ "${site_pages:-0}" -ge 4 ] || fail "summary counts ${site_pages:-no} site pages, want about/contact/privacy/terms: $summary"
for path in /about.html /contact.html /privacy.html /terms.html; do
	[ "$(q "select count(*) from frontier where url = '$base$path' and state = 2")" = 1 ] ||
		fail "$path not fetched"
	[ "$(q "select count(*) from documents where url = '$base$path'")" = 0 ] ||
		fail "site page $path stored as a document"
done
# their links were followed: the articles teased on the home page are stored
teased=$(grep -o 'href="/news/20[^"]*"' "$root/index.html" | sort -u | wc -l)
arts=$(q "select count(*) from documents where url like '$base/news/20%'")
[ "$arts" -ge "$teased" ] || fail "$arts articles stored, the home page teases $teased"
# no event comes from a page with many stories' figures: every event's document is an article
[ "$(q "select count(*) from events")" -gt 0 ] || fail "no events at all"
[ "$(q "select count(*) from events e join documents d on d.id = e.doc where d.url not like '$base/news/20%'")" = 0 ] ||
	fail "events from a non-article page: $(q "select distinct d.url from events e join documents d on d.id = e.doc where d.url not like '$base/news/20%'")"

# ingest: a listing page is skipped, an article is stored; analyze marks the page type
db2="$work/i.db"
"$NEWSMINE" ingest --db "$db2" --url "$base/archive.html" "$root/archive.html" 2> "$work/err" || fail "ingest listing"
[ "$(sqlite3 "$db2" "select count(*) from documents")" = 0 ] || fail "ingest stored a listing page"
"$NEWSMINE" ingest --db "$db2" --url "$base/news/2025/10/bridge-hack-31m.html" \
	"$root/news/2025/10/bridge-hack-31m.html" 2> "$work/err" || fail "ingest article"
[ "$(sqlite3 "$db2" "select count(*) from documents")" = 1 ] || fail "ingest did not store an article"
"$NEWSMINE" analyze --url "$base/" "$root/index.html" > "$work/a.json" 2> "$work/err" || fail "analyze"
grep -q '"page_type":"listing"' "$work/a.json" || fail "analyze: home page not a listing"
grep -q '"events":\[\]' "$work/a.json" || fail "analyze: events on a listing page"
echo "listing pages: $listing followed, not stored; $stored documents, $arts articles"
