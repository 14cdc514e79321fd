#!/bin/sh
# `newsmine eval extraction` on a generated directory whose pages extract to the
# README's unit-test vectors (T, P): checks the metric's every rule at once — 4-token
# shingles, a single shingle for short texts, multiset counts, an empty prediction left
# out of precision, macro means, F1 of the means, accuracy.
set -u
mkdir -p ev/html
page() { printf '<html><body><p>%s</p></body></html>' "$2" > "ev/html/$1.html"; }
page d1 "a b c d e"
page d2 "a b c d"
page d3 "a b c"
page d4 "x y z w"
printf '<html><body></body></html>' > ev/html/d5.html
page d6 "c d e f g h"
cat > ev/ground-truth.json <<'J'
{"d1": {"articleBody": "a b c d e", "url": "https://example.com/1"},
 "d2": {"articleBody": "a b c d e", "url": "https://example.com/2"},
 "d3": {"articleBody": "a b", "url": "https://example.com/3"},
 "d4": {"articleBody": "x y z w x y z w", "url": "https://example.com/4"},
 "d5": {"articleBody": "a b c d", "url": "https://example.com/5"},
 "d6": {"articleBody": "a b c d e f", "url": "https://example.com/6"}}
J
# P = (1 + 1 + 0 + 1 + 1/3) / 5; R = (1 + .5 + 0 + .2 + 0 + 1/3) / 6; F1 = 2PR/(P+R)
want="f1=0.449 precision=0.667 recall=0.339 accuracy=0.167 n=6"
got=$("$NEWSMINE" eval extraction ev) || { echo "eval failed"; exit 1; }
[ "$got" = "$want" ] || { echo "got:  $got"; echo "want: $want"; exit 1; }
"$NEWSMINE" eval extraction ev --per-doc | head -1 | grep -q ' f1=0.000 ' || { echo "per-doc order"; exit 1; }
"$NEWSMINE" eval extraction missing-dir 2>/dev/null; [ $? -eq 66 ] || { echo "missing dir exit"; exit 1; }
