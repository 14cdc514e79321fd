#!/bin/sh
# Every page of the extraction benchmark is a news article: none may be classified as a
# listing page, and the listing decision must not cost extraction quality (F1 at least
# the figure measured before it existed, docs/extraction.md).
set -u
: "${NEWSMINE:?}"
dir="${SHARED:-../shared}/eval/extraction/article-extraction-benchmark"
[ -f "$dir/ground-truth.json" ] || { echo "skip: no extraction benchmark at $dir"; exit 77; }
err=$(mktemp "${TMPDIR:-/tmp}/nm-page-type.XXXXXX")
trap 'rm -f "$err"' EXIT INT TERM
out=$("$NEWSMINE" -v eval extraction "$dir" 2> "$err") || { cat "$err"; echo "FAIL: eval exit $?"; exit 1; }
grep -q 'classified as a listing page$' "$err" && { grep 'classified as a listing' "$err"; echo "FAIL: articles taken for listings"; exit 1; }
grep -q ' 0 of [0-9]* pages classified as listing pages' "$err" || { cat "$err"; echo "FAIL: no page-type count"; exit 1; }
f1=$(printf '%s\n' "$out" | sed -n 's/^f1=\([0-9.]*\) .*/\1/p')
awk -v f="$f1" 'BEGIN { exit !(f + 0 >= 0.985) }' || { echo "FAIL: F1 $f1 below 0.985: $out"; exit 1; }
echo "extraction benchmark: $out; no listing"
