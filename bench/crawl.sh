#!/bin/sh
# bench/crawl.sh — crawler speed and frontier memory, against baselines measured in the
# same run:
#  1. pages/s crawling the sample site's generated 10,000-page site (/gen/) on 127.0.0.1
#     with politeness off (--delay 0 --per-host 8), extraction and storage on, against
#     wget2 crawling the same pages recursively with 8 threads (it saves them to disk).
#     Runs alternate (3 rounds each, best of each kept) so that load on the machine
#     hits both alike. Each round also reports the client's CPU time (user + system,
#     from /usr/bin/time), which load on a shared machine disturbs much less than wall
#     time; the CPU per page of both is compared at the end (lowest of the rounds).
#  2. frontier memory: peak RSS of a crawl whose frontier holds 1,000,000 queued URLs,
#     minus that of the same crawl with 1,000 queued, per extra URL.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${NEWSMINE:=$top/newsmine}" "${NEWSMINE_SITE:=$top/newsmine-site}"
PAGES=${BENCH_CRAWL_PAGES:-10000}
ROUNDS=${BENCH_CRAWL_ROUNDS:-3}
QUEUE=${BENCH_CRAWL_QUEUE:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/nm-bench-crawl.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
now() { date +%s.%N; }
# timed CMD...: run CMD, its CPU seconds (user + system) into $work/cpu ("?" without
# /usr/bin/time)
timed() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$work/cpu.raw" "$@"
		trc=$?
		awk 'NF == 2 { printf "%.2f", $1 + $2 }' "$work/cpu.raw" > "$work/cpu"
		return $trc
	fi
	"$@"
	trc=$?
	echo "?" > "$work/cpu"
	return $trc
}
# min_cpu PREVIOUS CPU PAGES: the lower of PREVIOUS (may be empty) and CPU / PAGES
min_cpu() { awk -v p="$1" -v c="$2" -v n="$3" 'BEGIN { v = c / (n > 0 ? n : 1); if (p == "" || v < p + 0) printf "%.6f", v; else print p }'; }

if ! command -v wget2 >/dev/null 2>&1; then
	echo "crawl: installing wget2 (the baseline)"
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get install -y -qq wget2 >/dev/null 2>&1 ||
		{ $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq wget2 >/dev/null 2>&1; } ||
		echo "crawl: cannot install wget2; no speed ratio"
fi

"$NEWSMINE_SITE" --root "$top/site/www" --port 0 --gen-pages "$PAGES" > "$work/url" 2> "$work/site.err" &
pid=$!
for _ in $(seq 1 100); do [ -s "$work/url" ] && break; sleep 0.05; done
base=$(head -n 1 "$work/url")
[ -n "$base" ] || { cat "$work/site.err"; echo "crawl: the site did not start"; exit 1; }

best_nm="" best_w2="" cpu_nm="" cpu_w2=""
for r in $(seq 1 "$ROUNDS"); do
	rm -f "$work"/b.db*
	t0=$(now)
	timed "$NEWSMINE" -q crawl --db "$work/b.db" --delay 0 --per-host 8 --concurrency 8 \
		--max-depth 100000 "$base/gen/0.html" > /dev/null 2> "$work/nm.err"
	t1=$(now)
	n=$(sqlite3 "$work/b.db" "select count(*) from frontier where url like '%/gen/%.html' and state = 2" 2>/dev/null || echo 0)
	s=$(echo "$t1 $t0" | awk '{printf "%.3f", $1 - $2}')
	c=$(cat "$work/cpu")
	echo "crawl: round $r: newsmine $n pages in $s s ($c s CPU)"
	[ "$c" = "?" ] || cpu_nm=$(min_cpu "$cpu_nm" "$c" "$n")
	best_nm=$(echo "$best_nm $n $s" | awk '{ r = $(NF-1) / $NF; if ($1 == "" || NF == 2 || r > $1) print r; else print $1 }')
	if command -v wget2 >/dev/null 2>&1; then
		rm -rf "$work/w2"; mkdir "$work/w2"
		t0=$(now)
		(cd "$work/w2" && timed wget2 -q -r -l 0 --max-threads 8 --accept-regex '/gen/[0-9]+\.html$' \
			"$base/gen/0.html" > /dev/null 2>&1)
		t1=$(now)
		n=$(find "$work/w2" -name '*.html' | wc -l)
		s=$(echo "$t1 $t0" | awk '{printf "%.3f", $1 - $2}')
		c=$(cat "$work/cpu")
		echo "crawl: round $r: wget2    $n pages in $s s ($c s CPU)"
		[ "$c" = "?" ] || cpu_w2=$(min_cpu "$cpu_w2" "$c" "$n")
		best_w2=$(echo "$best_w2 $n $s" | awk '{ r = $(NF-1) / $NF; if ($1 == "" || NF == 2 || r > $1) print r; else print $1 }')
	fi
done
printf 'crawl: newsmine %.0f pages/s (extraction + storage on)\n' "$best_nm"
if [ -n "$best_w2" ]; then
	printf 'crawl: wget2    %.0f pages/s (saving files)\n' "$best_w2"
	echo "$best_nm $best_w2" | awk '{printf "crawl: speed ratio newsmine/wget2 = %.2fx (target >= 1.0)\n", $1 / $2}'
fi
if [ -n "$cpu_nm" ] && [ -n "$cpu_w2" ]; then
	echo "$cpu_nm $cpu_w2" | awk '{printf "crawl: CPU per page: newsmine %.3f ms (analysis and storage included), wget2 %.3f ms; ratio wget2/newsmine = %.2fx\n", $1 * 1000, $2 * 1000, $2 / $1}'
fi

# frontier memory: 1,000 vs 1,000,000 queued URLs, then a short crawl on each
fill() { # db count
	awk -v b="$base" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s/gen/%d.html?q=%d\n", b, i % 10000, i }' > "$work/seeds.txt"
	"$NEWSMINE" -q crawl --db "$1" --delay 0 --max-pages 1 --seeds "$work/seeds.txt" > /dev/null 2>&1
}
rss() { # db -> peak RSS in KiB of a 50-page resumed crawl
	/usr/bin/time -f '%M' -o "$work/rss" "$NEWSMINE" -q crawl --db "$1" --resume --delay 0 --per-host 8 \
		--max-pages 50 > /dev/null 2>&1
	cat "$work/rss"
}
if [ -x /usr/bin/time ]; then
	t0=$(now)
	fill "$work/small.db" 1000
	fill "$work/big.db" "$QUEUE"
	t1=$(now)
	q=$(sqlite3 "$work/big.db" "select count(*) from frontier where state = 0")
	small=$(rss "$work/small.db")
	big=$(rss "$work/big.db")
	dbsize=$(stat -c %s "$work/big.db")
	echo "crawl: queued $q URLs in $(echo "$t1 $t0" | awk '{printf "%.1f", $1 - $2}') s; peak RSS $big KiB (1,000 queued: $small KiB)"
	echo "$big $small $q $dbsize" | awk '{printf "crawl: frontier memory %.1f bytes of RSS per queued URL (target <= 64 + URL); %.0f bytes of database per URL\n", ($1 - $2) * 1024 / ($3 - 1000), $4 / $3}'
else
	echo "crawl: no /usr/bin/time; frontier memory not measured"
fi
