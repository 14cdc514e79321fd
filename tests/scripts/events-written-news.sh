#!/bin/sh
# The written news set (tests/data/written-news, labelled for the project): event tagging
# keeps its precision and recall (docs/events.md has the figures per type).
set -u
dir="$NEWSMINE_TOP/tests/data/written-news"
"$NEWSMINE" eval events "$dir" > written-news-eval.txt || { cat written-news-eval.txt; exit 1; }
awk '$1 == "all" { print; if ($5 < 0.88 || $6 < 0.88) { print "below 0.88"; bad = 1 } }
     $1 == "modality" { print; split($3, r, "/"); if (r[1] / r[2] < 0.95) { print "modality below 0.95"; bad = 1 } }
     END { exit bad }' written-news-eval.txt
