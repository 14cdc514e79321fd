#!/bin/sh
# kill -9 the crawler at random moments, resume it each time, and compare the final
# corpus with an uninterrupted crawl of the same site: the same pages, each stored
# exactly once, nothing lost, and PRAGMA integrity_check ok.
set -u
: "${NEWSMINE:?}" "${NEWSMINE_SITE:?}"
[ -x "$NEWSMINE_SITE" ] || { echo "skip: no $NEWSMINE_SITE"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "skip: needs the sqlite3 shell"; exit 77; }
root="${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/site/www"
. "${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/site.sh"
[ -d "$root" ] || { echo "skip: no sample site at $root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nm-crawl-resume.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
site_start --gen-pages 400
opts="--delay 0 --per-host 4 --max-depth 1000"

# the reference: one uninterrupted crawl
"$NEWSMINE" crawl --db "$work/ref.db" $opts "$base/gen/0.html" > /dev/null 2> "$work/err"
rc=$?
if grep -q 'corpus: not built yet' "$work/err"; then echo "skip: the corpus is not built in this tree"; exit 77; fi
[ $rc -eq 0 ] || { cat "$work/err"; echo "FAIL: reference crawl exit $rc"; exit 1; }

# the same crawl, killed with SIGKILL at random points and resumed. Each run is killed
# only once it has committed progress of its own (more finished URLs than it started
# with), plus a random 0-60 ms: a kill at a fixed delay could fall before the first
# commit every time on a loaded machine, and then there was nothing to resume.
q() { sqlite3 -cmd ".timeout 5000" "$1" "$2" 2>/dev/null; }
done_rows() { q "$work/k.db" "select count(*) from frontier where state = 2" || echo 0; }
kills=0
first=1
for i in 1 2 3 4 5 6; do
	before=0
	[ -f "$work/k.db" ] && before=$(done_rows)
	if [ $first -eq 1 ]; then
		"$NEWSMINE" crawl --db "$work/k.db" $opts "$base/gen/0.html" > /dev/null 2>> "$work/kerr" &
		first=0
	else
		"$NEWSMINE" crawl --db "$work/k.db" $opts --resume > /dev/null 2>> "$work/kerr" &
	fi
	cpid=$!
	n=0
	while kill -0 "$cpid" 2>/dev/null; do
		now=0
		[ -f "$work/k.db" ] && now=$(done_rows)
		[ "${now:-0}" -gt "$before" ] && break
		n=$((n + 1))
		[ $n -lt 3000 ] || { kill -9 "$cpid"; echo "FAIL: run $i made no progress"; exit 1; }
		sleep 0.01
	done
	ms=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 60 ))
	sleep "$(printf '0.%03d' "$ms")"
	if kill -9 "$cpid" 2>/dev/null; then kills=$((kills + 1)); fi
	wait "$cpid" 2>/dev/null
done
# with the seed too, as every round but the first (harmless: it is finished)
"$NEWSMINE" crawl --db "$work/k.db" $opts --resume "$base/gen/0.html" > /dev/null 2>> "$work/kerr"
rc=$?
[ $rc -eq 0 ] || { tail -5 "$work/kerr"; echo "FAIL: final resume exit $rc"; exit 1; }

[ "$(q "$work/k.db" "pragma integrity_check")" = ok ] || { echo "FAIL: integrity_check"; exit 1; }
ref_docs=$(q "$work/ref.db" "select count(*) from documents")
k_docs=$(q "$work/k.db" "select count(*) from documents")
dup=$(q "$work/k.db" "select count(*) from (select content_hash from documents group by content_hash having count(*) > 1)")
q "$work/ref.db" "select url_key from frontier where state = 2 order by 1" > "$work/ref.keys"
q "$work/k.db" "select url_key from frontier where state = 2 order by 1" > "$work/k.keys"
left=$(q "$work/k.db" "select count(*) from frontier where state in (0, 1)")
echo "killed $kills times; documents: $k_docs (reference $ref_docs); duplicates: $dup; left queued: $left"
[ "$kills" -ge 1 ] || { echo "FAIL: the crawl was never killed (it finished first every time)"; exit 1; }
[ "$ref_docs" -gt 400 ] || { echo "FAIL: the reference crawl stored only $ref_docs documents"; exit 1; }
if [ "$k_docs" != "$ref_docs" ]; then
	q "$work/k.db" "select state, error, count(*) from frontier group by 1, 2"
	q "$work/ref.db" "select state, error, count(*) from frontier group by 1, 2"
	tail -5 "$work/kerr"
	echo "FAIL: document counts differ"
	exit 1
fi
[ "$dup" = 0 ] || { echo "FAIL: a page stored twice"; exit 1; }
[ "$left" = 0 ] || { echo "FAIL: URLs left queued"; exit 1; }
cmp -s "$work/ref.keys" "$work/k.keys" || { diff "$work/ref.keys" "$work/k.keys" | head; echo "FAIL: fetched URL sets differ"; exit 1; }
