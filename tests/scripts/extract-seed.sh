#!/bin/sh
# The user's article, as text and as the bundled HTML page: none of the boilerplate
# strings of expected.json reach the main text, and in the text version the expected
# mention offsets still point at their surfaces (boilerplate lines are blanked, not cut,
# before the body; the trailing footer block is cut).
set -u
seed="$SHARED/seed"
[ -f "$seed/expected.json" ] || { echo "needs $seed/expected.json"; exit 77; }
command -v python3 >/dev/null || { echo "needs python3"; exit 77; }
page="$NEWSMINE_TOP/site/www/news/2025/11/crypto-liquidations-reset-or-risk-off.html"
"$NEWSMINE" extract --text --format json "$seed/liquidations-article.txt" > text.json || exit 1
if [ -f "$page" ]; then
	"$NEWSMINE" extract --format json --url https://ledger.example/news/a.html "$page" > html.json || exit 1
else
	echo '{"text": ""}' > html.json
fi
python3 - "$seed/expected.json" text.json html.json "$seed/liquidations-article.txt" "$page" <<'PY'
import json, os, sys
exp = json.load(open(sys.argv[1]))
text = json.load(open(sys.argv[2]))
html = json.load(open(sys.argv[3]))
raw = open(sys.argv[4], 'rb').read()
bad = 0
t = text['text'].encode()
for m in exp['mentions_required']:
    if 'start' in m:
        got = t[m['start']:m['end']].decode()
        if got != m['text']:
            print('offset moved: %r at %d is %r' % (m['text'], m['start'], got)); bad += 1
for b in exp['boilerplate_not_in_main_text']:
    if b in text['text']:
        print('text version keeps %r' % b); bad += 1
    if os.path.exists(sys.argv[5]) and b in html['text']:
        print('html version keeps %r' % b); bad += 1
# the body survives in both
for s in ('The crypto market was shaken', 'tilting the balance toward a risk-off scenario'):
    if s not in text['text']:
        print('text version lost %r' % s); bad += 1
    if os.path.exists(sys.argv[5]) and s not in html['text']:
        print('html version lost %r' % s); bad += 1
# the text version is the file, byte for byte, up to the footer (blanked lines aside)
cut = t.rstrip()
if len(cut) > len(raw) or any(a != b and a != 0x20 for a, b in zip(cut, raw)):
    print('text version differs from the file beyond blanking'); bad += 1
sys.exit(1 if bad else 0)
PY
