#!/bin/sh
# bench/classify.sh — what classification (sentences, rule hits, events, checks) adds
# to extraction + mentions on the same pages, same process, same run. Pages: the
# shared news set and the seed when present, else the bundled sample site's texts.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
: "${SHARED:=$(cd "$top/.." && pwd)/shared}"
: "${BUILD:=build/release}"
make -s "$BUILD/libnewsmine.a" >/dev/null || exit 1
bin="$BUILD/bench/classify_bench"
mkdir -p "$(dirname "$bin")"
cc -std=c11 -D_GNU_SOURCE -O2 -I. $(pkg-config --cflags libpcre2-8 libxml-2.0 jansson) \
	-o "$bin" bench/classify_bench.c "$BUILD/libnewsmine.a" \
	$(pkg-config --libs libpcre2-8 libxml-2.0 libcurl sqlite3 jansson zlib) -lpthread -lm || exit 1
set --
[ -d "$SHARED/eval/news/raw" ] && set -- "$@" "$SHARED/eval/news/raw"
[ -f "$SHARED/seed/liquidations-article.txt" ] && set -- "$@" "$SHARED/seed/liquidations-article.txt"
[ $# -eq 0 ] && set -- site/content
"$bin" --repeat "${REPEAT:-20}" "$@"
