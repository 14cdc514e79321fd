#!/bin/sh
# bench/mentions.sh — MB/s of article text through the whole mention layer on one core,
# against a floor measured in the same run: one PCRE2-JIT scan of the same text for \d+.
# Text: the crypto-news articles of ../shared/eval/news/raw (plain text) and the seed
# article; without them, the bench says so and skips.
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
