#!/bin/sh
# bench/extract.sh — article extraction speed, as ratios against baselines measured in
# the same run on the same pages (the 145-page dev split of the extraction benchmark):
#   (a) libxml2's bare htmlReadMemory, in the same process (bench/extract_bench.c);
#   (b) Readability.js and readability-lxml via ../shared/peers/extraction-peers.sh,
#       when they can be installed (EXTRACT_BENCH_PEERS=0 skips them).
# Also prints the extraction quality on the same pages (newsmine eval extraction).
# Environment: SHARED, NEWSMINE, EXTRACT_BENCH_REPEAT (passes, default 5),
# EXTRACT_BENCH_PEER_REPEAT (default 1), CC.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${SHARED:=$(cd "$top/.." && pwd)/shared}"
: "${NEWSMINE:=$top/newsmine}"
E="$SHARED/eval/extraction/article-extraction-benchmark"
if [ ! -d "$E/html" ]; then
	echo "extract: skipped, needs $E"
	exit 0
fi
# the same pkg-config packages as the Makefile links the library with
PKGS=$(sed -n 's/^PKGS *:= *//p' "$top/Makefile")
[ -n "$PKGS" ] || PKGS="libpcre2-8 libxml-2.0 libcurl sqlite3 jansson zlib"
bin="$top/build/release/bench/extract_bench"
mkdir -p "$(dirname "$bin")"
[ -f "$top/build/release/libnewsmine.a" ] || (cd "$top" && make -s all) || exit 1
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -I"$top" $(pkg-config --cflags $PKGS) \
	-o "$bin" "$top/bench/extract_bench.c" "$top/build/release/libnewsmine.a" \
	$(pkg-config --libs $PKGS) -lpthread -lm || exit 1

out=$(mktemp -d "${TMPDIR:-/tmp}/nm-bench-extract.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM
echo "quality (dev split): $("$NEWSMINE" eval extraction "$E")"
taskset -c 0 true 2>/dev/null && pin="taskset -c 0" || pin=""
$pin "$bin" --repeat "${EXTRACT_BENCH_REPEAT:-5}" "$E" | tee "$out/nm.txt" || exit 1
nm_wall=$(sed -n 's/^extract pages\/s (wall): //p' "$out/nm.txt")
nm_cpu=$(sed -n 's/^extract pages\/s (cpu): //p' "$out/nm.txt")

peers="$SHARED/peers/extraction-peers.sh"
if [ "${EXTRACT_BENCH_PEERS:-1}" = 0 ]; then
	echo "peers: skipped (EXTRACT_BENCH_PEERS=0)"
	exit 0
fi
if [ ! -f "$peers" ]; then
	echo "peers: skipped, $peers is missing"
	exit 0
fi
if ! bash "$peers" --repeat "${EXTRACT_BENCH_PEER_REPEAT:-1}" ${pin:+--cpu 0} --truth "$E/ground-truth.json" \
	"$E/html" "$out/peers" > "$out/peers.log" 2>&1; then
	echo "peers: skipped, they could not be installed or run:"
	tail -3 "$out/peers.log" | sed 's/^/  /'
	exit 0
fi
# summary.tsv: peer versions pages passes input_mb wall_s pages_per_s mb_per_s cpu_s peak_rss_mb ...
awk -F '\t' -v w="$nm_wall" -v c="$nm_cpu" 'NR > 1 {
	cpu_pps = ($9 > 0) ? $3 * $4 / $9 : 0
	printf "%-17s %7.1f pages/s wall, %7.1f pages/s cpu, peak RSS %s MiB: newsmine is %.0fx (wall) / %.0fx (cpu)\n",
		$1, $7, cpu_pps, $10, ($7 > 0 ? w / $7 : 0), (cpu_pps > 0 ? c / cpu_pps : 0)
}' "$out/peers/summary.tsv"
echo "(target: >= 30x Readability.js pages/s)"
