#!/bin/sh
# kill -9 during a market import: the database opens, integrity_check is ok, and the
# interrupted file is wholly there or wholly absent (one transaction per file).
set -u
: "${NEWSMINE:?}"
command -v sqlite3 >/dev/null || { echo "skip: needs the sqlite3 shell"; exit 77; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/nm-kill-market.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
q() { sqlite3 x.db "$1"; }
n=300000
awk -v n=$n 'BEGIN { print "open_time,open,high,low,close,volume";
	for (i = 0; i < n; i++) { p = 100 + (i % 97); printf "%.0f,%d,%d,%d,%d,%d\n", (1600000000 + i * 60) * 1000, p, p + 2, p - 1, p + 1, i % 13 } }' > big.csv
"$NEWSMINE" -q market import --db x.db --candles small.csv --symbol ETH 2>/dev/null # creates nothing: missing file
printf 'time,open,high,low,close\n1,1,2,1,2\n61,2,3,2,3\n' > small.csv
"$NEWSMINE" -q market import --db x.db --candles small.csv --symbol ETH || fail "small import"

"$NEWSMINE" -q market import --db x.db --candles big.csv --symbol BTC &
pid=$!
# kill once the import is writing (its WAL grows), or when it ends
while kill -0 $pid 2>/dev/null; do
	[ -f x.db-wal ] && [ "$(wc -c < x.db-wal)" -gt 1000000 ] && break
	sleep 0.02
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null

[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after kill"
btc=$(q "SELECT count(*) FROM candles WHERE symbol = 'BTC'")
echo "killed with $btc of $n rows stored"
[ "$btc" -eq 0 ] || [ "$btc" -eq $n ] || fail "$btc rows: a partial import"
[ "$(q "SELECT count(*) FROM candles WHERE symbol = 'ETH'")" = 2 ] || fail "the earlier import was damaged"
"$NEWSMINE" -q market import --db x.db --candles big.csv --symbol BTC || fail "import again"
[ "$(q "SELECT count(*) FROM candles WHERE symbol = 'BTC'")" = $n ] || fail "rows after the second import"
[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check at the end"
echo ok
