#!/bin/sh
# events, stories and search output read back by other readers: every JSONL line by jq,
# every CSV by the sqlite3 shell's RFC 4180 importer, with the same values in both.
set -u
: "${NEWSMINE:?}" "${NEWSMINE_TOP:?}"
command -v jq >/dev/null || { echo "skip: needs jq"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: needs the sqlite3 shell"; exit 77; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/nm-readers.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
export NEWSMINE_DB=x.db
# titles with commas, quotes, a line break and non-ASCII text
cat "$NEWSMINE_TOP/tests/cli/corpus-fixture/news.jsonl" - > in.jsonl <<'JSON'
{"url":"https://delta.example/x","title":"Line one\r\nline \"two\", and ünïcödé — €","published":"2025-01-03T10:00:00Z","text":"Short squeeze: $120 million of shorts, liquidated; \"wild\" day.","events":[{"type":"deleveraging","figures":{"total_usd":120000000,"side":"short"},"evidence":["Short squeeze: $120 million of shorts, liquidated; \"wild\" day."]}]}
JSON
"$NEWSMINE" -q ingest --input jsonl in.jsonl || fail ingest

"$NEWSMINE" events > e.jsonl || fail "events jsonl"
"$NEWSMINE" events --format csv > e.csv || fail "events csv"
jq -e . e.jsonl >/dev/null || fail "jq cannot read the events"
# CRLF record ends, as RFC 4180 says
[ "$(head -n 1 e.csv | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n' ] || fail "CSV lines do not end in CRLF"
sqlite3 r.db ".import --csv e.csv ev" || fail "sqlite3 cannot import the events CSV"
[ "$(sqlite3 r.db 'SELECT count(*) FROM ev')" = "$(wc -l < e.jsonl)" ] || fail "row counts differ"
jq -r '[.id, .type, (.asset // ""), .title, ((.figures.total_usd // "") | tostring), ([.evidence[].text] | join(" | "))] | @json' e.jsonl > from-json
sqlite3 -json r.db 'SELECT id, type, asset, title, total_usd, evidence FROM ev' |
	jq -r '.[] | [.id, .type, .asset, .title, .total_usd, .evidence] | @json' > from-csv
diff from-json from-csv || fail "CSV and JSONL disagree"

"$NEWSMINE" events --stories --format csv > s.csv && sqlite3 r.db ".import --csv s.csv st" || fail "stories CSV"
[ "$(sqlite3 r.db 'SELECT count(*) FROM st')" = "$("$NEWSMINE" events --stories | wc -l)" ] || fail "stories differ"
"$NEWSMINE" search --format csv million > h.csv && sqlite3 r.db ".import --csv h.csv hits" || fail "search CSV"
[ "$(sqlite3 r.db 'SELECT count(*) FROM hits')" = "$("$NEWSMINE" search million | wc -l)" ] || fail "hits differ"
"$NEWSMINE" search million | jq -e . >/dev/null || fail "jq cannot read the hits"
# an empty result is still a header row
"$NEWSMINE" events --type none --format csv > empty.csv
[ "$(wc -l < empty.csv)" = 1 ] || fail "no header row on an empty result"
echo ok
