#!/bin/sh
# Cross-checks on the shared evaluation set: the 85 news articles with their gold events
# (labels.jsonl, stored through `ingest --input jsonl` so the verdicts do not depend on
# the classifier) against the market data of ../shared/eval/market. Asserts what the
# data must give; prints every verdict and a summary for the record.
set -u
: "${NEWSMINE:?}" "${SHARED:?}"
news="$SHARED/eval/news" market="$SHARED/eval/market"
[ -f "$news/manifest.jsonl" ] && [ -d "$market" ] || { echo "skip: needs $news and $market"; exit 77; }
command -v jq >/dev/null || { echo "skip: needs jq"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: needs the sqlite3 shell"; exit 77; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/nm-crosscheck.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export NEWSMINE_DB="$dir/x.db"
fail() { echo "FAIL: $*"; exit 1; }

# manifest line i + labels line i + raw file -> one ingest line
i=0
while IFS= read -r m; do
	i=$((i + 1))
	l=$(sed -n "${i}p" "$news/labels.jsonl")
	f=$(printf '%s' "$m" | jq -r .file)
	case "$f" in *.html) key=html ;; *) key=text ;; esac
	jq -cn --rawfile body "$news/raw/$f" --argjson m "$m" --argjson l "$l" --arg key "$key" \
		'{id: $m.file, url: $m.url, title: $m.title, published: $m.published, ($key): $body,
		  events: [$l.events[] | .confidence = 1]}'
done < "$news/manifest.jsonl" > "$dir/news.jsonl"

"$NEWSMINE" -q ingest --input jsonl "$dir/news.jsonl" || fail "ingest"
for f in "$market"/ohlcv/binance_um_1h/*.csv; do
	"$NEWSMINE" -q market import --candles "$f" || fail "import $f"
done
"$NEWSMINE" -q market import --candles "$market/ohlcv/daily/binance_spot_btcusdt_1d.csv" --symbol BTC || fail "btc daily"
"$NEWSMINE" -q market import --candles "$market/ohlcv/daily/binance_um_perp_1d_derived.csv" || fail "perp daily"
"$NEWSMINE" -q market import --liquidations "$market/liquidations/coinglass_binance_liquidations_4h.csv" || fail "liq 4h"
"$NEWSMINE" -q market import --liquidations "$market/liquidations/coinglass_binance_liquidations_1d.csv" || fail "liq 1d"

"$NEWSMINE" check > "$dir/verdicts.jsonl" || fail "check"
"$NEWSMINE" check --format table
echo
echo "verdicts by kind:"
jq -r '"\(.kind) \(.verdict)"' "$dir/verdicts.jsonl" | sort | uniq -c
"$NEWSMINE" events --stories --format table | awk 'NR == 1 || $4 > 1'

events=$("$NEWSMINE" stats --format json | jq .events)
[ "$events" -ge 70 ] || fail "only $events gold events stored"
# every event gets a cross-source verdict, every typed event a market verdict
n=$(jq -r 'select(.kind == "cross_source") | .event' "$dir/verdicts.jsonl" | sort -u | wc -l)
[ "$n" -eq "$events" ] || fail "$n of $events events have a cross-source verdict"
# the 2025-11-21 wave is told by several sources with totals that disagree
jq -e -s '[.[] | select(.kind == "cross_source" and .verdict == "contradicted")] | length > 0' \
	"$dir/verdicts.jsonl" >/dev/null || fail "no cross-source contradiction in the set"
# decided market verdicts exist for each type that has data
for t in rejection deleveraging risk-off; do
	ids=$("$NEWSMINE" events --type "$t" | jq -r .id)
	dec=$(for id in $ids; do jq -r --arg id "$id" 'select(.event == $id and .kind == "market" and .verdict != "unverifiable") | .event' "$dir/verdicts.jsonl"; done | sort -u | wc -l)
	echo "$t: $dec events with a decided market verdict"
	[ "$dec" -gt 0 ] || fail "no decided market verdict for $t"
done
[ "$(sqlite3 "$NEWSMINE_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
echo "ok"
