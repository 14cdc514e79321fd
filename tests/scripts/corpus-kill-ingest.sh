#!/bin/sh
# kill -9 during a batched ingest: the database opens, integrity_check is ok, every
# document is wholly there (its events; its search rows once a search brings the index
# up to date) or wholly absent, and running the same ingest again completes the corpus.
set -u
: "${NEWSMINE:?}"
command -v sqlite3 >/dev/null || { echo "skip: needs the sqlite3 shell"; exit 77; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/nm-kill-ingest.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
q() { sqlite3 x.db "$1"; }
n=3000
awk -v n=$n 'BEGIN { for (i = 0; i < n; i++)
	printf "{\"url\":\"https://k.example/%d\",\"published\":\"2025-01-02\",\"text\":\"Story %d: over $%d million was liquidated. BTC was rejected at $%d.\",\"events\":[{\"type\":\"deleveraging\",\"figures\":{\"total_usd\":%d},\"evidence\":[\"over $%d million was liquidated.\"]},{\"type\":\"rejection\",\"asset\":\"BTC\",\"figures\":{\"level\":%d},\"evidence\":[\"BTC was rejected at $%d.\"]}]}\n",
		i, i, i + 1, 90000 + i, (i + 1) * 1000000, i + 1, 90000 + i, 90000 + i }' > in.jsonl

"$NEWSMINE" -q ingest --db x.db --input jsonl --batch 50 in.jsonl &
pid=$!
# wait until some batches are committed (or the run ends), then kill it
while kill -0 $pid 2>/dev/null; do
	c=$(q 'SELECT count(*) FROM documents' 2>/dev/null || echo 0)
	[ "${c:-0}" -ge 100 ] && break
	sleep 0.05
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null

[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after kill"
[ -z "$(q 'PRAGMA foreign_key_check')" ] || fail "foreign keys broken"
docs=$(q 'SELECT count(*) FROM documents')
echo "killed with $docs of $n documents stored"
[ "$docs" -lt "$n" ] || echo "note: the ingest finished before the kill"
[ "$(q 'SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM events e WHERE e.doc = d.id) <> 2')" = 0 ] ||
	fail "a document without both its events"
# the search index catches up on the next search
"$NEWSMINE" -q search --db x.db liquidated >/dev/null || fail "search after kill"
[ "$(q 'SELECT count(*) FROM fts WHERE (rowid >> 20) NOT IN (SELECT id FROM documents)')" = 0 ] ||
	fail "search rows of a document that is not stored"
[ "$(q 'SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM fts WHERE rowid BETWEEN d.id << 20 AND ((d.id + 1) << 20) - 1)')" = 0 ] ||
	fail "a stored document without its search rows"
[ $((docs % 50)) -eq 0 ] || [ "$docs" -eq "$n" ] || fail "$docs documents: not whole batches of 50"

# running it again resumes: same URLs replace, nothing doubles
"$NEWSMINE" -q ingest --db x.db --input jsonl --batch 500 in.jsonl || fail "second ingest"
[ "$(q 'SELECT count(*) FROM documents')" = $n ] || fail "documents after resume"
[ "$(q 'SELECT count(*) FROM events')" = $((2 * n)) ] || fail "events after resume"
"$NEWSMINE" -q search --db x.db liquidated >/dev/null || fail "search after resume"
[ "$(q 'SELECT count(*) FROM fts WHERE (rowid >> 20) NOT IN (SELECT id FROM documents)')" = 0 ] ||
	fail "search rows of replaced documents remain"
[ "$(q 'SELECT count(DISTINCT rowid >> 20) FROM fts')" = $n ] || fail "search rows after resume"
[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after resume"
echo ok
