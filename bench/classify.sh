#!/bin/sh
# bench/classify.sh — what classification (sentences, rule hits, events, checks) adds
# to extraction + mentions on the same pages, same process, same run. Issue 6's target
# (<= 0.20) is on pages as a crawl feeds them: HTML pages (the news set's and the sample
# site's), where extraction parses HTML. First, for information, the shared news set and
# the seed as texts when present (else the bundled sample site's texts): there extraction
# costs little and the ratio is close to classification / mentions.
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
echo "-- pages as texts (the news set is mostly extracted text: extraction costs little; for information)"
"$bin" --repeat "${REPEAT:-20}" "$@"
# The crawl's input is HTML: the same ratio where extraction parses real pages, over the
# news set's HTML pages and the sample site's articles and section pages.
set --
for f in "$SHARED"/eval/news/raw/*.html; do [ -f "$f" ] && set -- "$@" "$f"; done
for f in $(find site/www/news site/www/markets site/www/analysis -name '*.html' 2>/dev/null | sort); do
	set -- "$@" "$f"
done
if [ $# -gt 0 ]; then
	echo "-- pages as HTML (extraction parses them, as in a crawl: the target's measure)"
	"$bin" --repeat "${REPEAT:-20}" "$@"
fi
