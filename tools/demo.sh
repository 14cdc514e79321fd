#!/bin/sh
# make demo: the main job on the embedded defaults. Starts the bundled sample news site
# on 127.0.0.1 (there is no internet here), crawls it into newsmine.db with the
# compiled-in rules, and shows the events found and the checks on them.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
db=${NEWSMINE_DB:-newsmine.db}
work=$(mktemp -d "${TMPDIR:-/tmp}/newsmine-demo.XXXXXX")
site_pid=""
cleanup() {
	if [ -n "$site_pid" ]; then
		kill "$site_pid" 2>/dev/null || true
		wait "$site_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

./newsmine-site --port 0 > "$work/site.out" 2> "$work/site.err" &
site_pid=$!
for _ in $(seq 1 50); do
	[ -s "$work/site.out" ] && break
	sleep 0.1
done
base=$(head -n 1 "$work/site.out")
[ -n "$base" ] || { echo "demo: the sample site did not start" >&2; cat "$work/site.err" >&2; exit 1; }
echo "demo: sample news site at $base (pid $site_pid)"
echo "demo: crawling it into $db ..."
rm -f "$db" "$db-wal" "$db-shm"
rc=0
./newsmine crawl --db "$db" --delay 50 --per-host 4 --max-depth 2 \
	"$base/" "$base/feed.xml" "$base/sitemap_index.xml" || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 75 ] || exit "$rc"
echo
echo "Events found:"
./newsmine events --db "$db" --format table
./newsmine check --db "$db" > "$work/checks.jsonl"
echo
echo "Events whose figures the article itself or the data contradict ('newsmine check'):"
./newsmine events --db "$db" --verdict contradicted --format table
echo
echo "$(grep -c . "$work/checks.jsonl") checks, $(grep -c '"contradicted"' "$work/checks.jsonl") contradicted; import market data to check more:"
echo "      ./newsmine market import --db $db --candles FILE.csv --symbol BTC"
echo
echo "demo: more  ./newsmine stats --db $db"
echo "      ./newsmine events --db $db --format jsonl | head -3"
echo "      ./newsmine search --db $db liquidations"
