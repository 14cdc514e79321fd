#!/bin/sh
# Corpus speed, as ratios against baselines measured in the same run:
#   - storing analysed articles (nm_corpus_put, batched) vs a bare SQLite insert of the
#     same rows; target >= 2,000 articles/s on one core
#   - search over 1,000,000 stored sentences: median latency (target < 50 ms) vs a LIKE scan
# Environment: CORPUS_BENCH_ARTICLES (default 5000), CORPUS_BENCH_SENTENCES (1000000),
# CORPUS_BENCH_QUERIES (200).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
[ -f build/release/libnewsmine.a ] || make --no-print-directory all >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/nm-bench-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
PKGS="libpcre2-8 libxml-2.0 libcurl sqlite3 jansson zlib"
cc -std=c11 -D_GNU_SOURCE -O2 -I. $(pkg-config --cflags $PKGS) -o "$work/corpus_bench" bench/corpus_bench.c \
	build/release/libnewsmine.a $(pkg-config --libs $PKGS) -lpthread -lm
echo "== corpus (one core)"
"$work/corpus_bench" put "${CORPUS_BENCH_ARTICLES:-5000}" "$work"
"$work/corpus_bench" search "${CORPUS_BENCH_SENTENCES:-1000000}" "$work" "${CORPUS_BENCH_QUERIES:-200}"
