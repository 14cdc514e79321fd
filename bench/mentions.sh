#!/bin/sh
# bench/mentions.sh — MB/s of article text through the whole mention layer on one core,
# against a floor measured in the same run: one PCRE2-JIT scan of the same text for \d+;
# and the layer's own PCRE2 match attempts replayed alone, the share the rules decide.
# Text: the crypto-news articles of ../shared/eval/news/raw (plain text) and the seed
# article; without them, the bench says so and skips.
#   MB=N      text to run through each side, in MB (default 10)
#   INSTR=1   also count the instructions of one pass of each side under valgrind
#             (callgrind; slow, but the same on a busy machine)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
: "${SHARED:=$(cd "$top/.." && pwd)/shared}"
: "${BUILD:=build/release}"
cd "$top"
files=$(ls "$SHARED"/eval/news/raw/*.txt "$SHARED"/seed/liquidations-article.txt 2>/dev/null)
if [ -z "$files" ]; then
	echo "skip: no article text under $SHARED"
	exit 0
fi
make --no-print-directory "$BUILD/libnewsmine.a" >/dev/null || exit 1
bin="$BUILD/bench/mentions_bench"
mkdir -p "$(dirname "$bin")"
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -I. $(pkg-config --cflags libpcre2-8) -o "$bin" \
	bench/mentions_bench.c "$BUILD/libnewsmine.a" \
	$(pkg-config --libs libpcre2-8 libxml-2.0 libcurl sqlite3 jansson zlib) -lpthread -lm || exit 1
# shellcheck disable=SC2086
taskset -c 0 "$bin" "${MB:-10}" $files 2>/dev/null || "$bin" "${MB:-10}" $files
if [ "${INSTR:-0}" = 1 ] && command -v valgrind >/dev/null; then
	# instructions of 2 passes minus those of 0 (the set-up), halved
	ir() {
		# shellcheck disable=SC2086
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" $files 2>&1 |
			sed -n 's/.*Collected : //p'
	}
	l0=$(ir -l 0) l2=$(ir -l 2) f0=$(ir -f 0) f2=$(ir -f 2) r0=$(ir -r 0) r2=$(ir -r 2)
	awk -v l0="$l0" -v l2="$l2" -v f0="$f0" -v f2="$f2" -v r0="$r0" -v r2="$r2" 'BEGIN {
		l = (l2 - l0) / 2; f = (f2 - f0) / 2; r = (r2 - r0) / 2
		printf "instructions per pass: floor %.1f M, mention layer %.1f M  (%.2fx the floor)\n",
		       f / 1e6, l / 1e6, l / f
		printf "  of which the PCRE2 match attempts, replayed alone: %.1f M  (%.2fx the floor)\n",
		       r / 1e6, r / f }'
fi
