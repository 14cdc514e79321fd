#!/bin/sh
# Our WARC output checked by an independent reader: the npm package warcio parses every
# record (per-record gzip members, headers, HTTP heads), and Node's own zlib and crypto
# recompute each record's WARC-Block-Digest and WARC-Payload-Digest (sha1, base32).
# A three-hop redirect chain is archived hop by hop (each 3xx response with its request,
# linked by WARC-Concurrent-To), and `analyze --warc` reads only the final 2xx pages.
# warcio is installed under a cache directory on first use; skipped without node/npm.
set -u
: "${NEWSMINE:?}" "${NEWSMINE_SITE:?}"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { echo "skip: needs node and npm"; exit 77; }
[ -x "$NEWSMINE_SITE" ] || { echo "skip: no $NEWSMINE_SITE"; exit 77; }
cache="${TMPDIR:-/tmp}/newsmine-warcio-cache"
if [ ! -f "$cache/node_modules/warcio/package.json" ]; then
	mkdir -p "$cache"
	(cd "$cache" && timeout 120 npm install --no-audit --no-fund --silent warcio@2 >/dev/null 2>&1) ||
		{ echo "skip: cannot install warcio from npm"; exit 77; }
fi
root="${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/site/www"
. "${NEWSMINE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/site.sh"
[ -d "$root" ] || { echo "skip: no sample site at $root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nm-warcio.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
site_start --gen-pages 20
"$NEWSMINE" crawl --db "$work/c.db" --delay 0 --per-host 4 --max-depth 50 --warc "$work/c.warc.gz" \
	"$base/gen/0.html" "$base/_fault/wrong-type" "$base/_fault/redirect-chain" > /dev/null 2> "$work/err"
rc=$?
if grep -q 'corpus: not built yet' "$work/err"; then echo "skip: the corpus is not built in this tree"; exit 77; fi
# run a second time: the gen pages have no validators, the robots-listed sitemaps do -> revisits
"$NEWSMINE" crawl --db "$work/c.db" --delay 0 --per-host 4 --max-depth 0 --warc "$work/c.warc.gz" \
	"$base/sitemap_index.xml" > /dev/null 2>> "$work/err"
cp "$cache/package.json" "$work/" 2>/dev/null
cat > "$cache/check.mjs" <<'JS'
import { WARCParser } from 'warcio';
import fs from 'fs';
import zlib from 'zlib';
import crypto from 'crypto';

const file = process.argv[2];
const b32 = (buf) => {
	const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0, acc = 0, out = '';
	for (const byte of buf) {
		acc = (acc << 8) | byte; bits += 8;
		while (bits >= 5) { out += a[(acc >>> (bits - 5)) & 31]; bits -= 5; }
	}
	return out;
};
const sha1 = (b) => 'sha1:' + b32(crypto.createHash('sha1').update(b).digest());
let bad = 0;
const types = {}, ids = new Set(), concurrent = [], hops = {};
// 1. warcio parses every record
const parser = new WARCParser(fs.createReadStream(file));
for await (const rec of parser) {
	types[rec.warcType] = (types[rec.warcType] || 0) + 1;
	ids.add(rec.warcHeader('WARC-Record-ID'));
	for (const h of ['WARC-Record-ID', 'WARC-Date', 'Content-Length'])
		if (!rec.warcHeader(h)) { console.log('missing', h); bad++; }
	if (rec.warcType !== 'warcinfo' && !rec.warcTargetURI) { console.log('no target URI'); bad++; }
	if (rec.warcType === 'request') concurrent.push(rec.warcHeader('WARC-Concurrent-To'));
	if (rec.warcType === 'response' && /\/_fault\/redirect-chain/.test(rec.warcTargetURI))
		hops[rec.warcTargetURI.replace(/^.*\/_fault\//, '')] = rec.httpHeaders.statusCode;
	const payload = await rec.readFully(false);
	if (rec.warcType === 'response' && sha1(payload) !== rec.warcPayloadDigest) {
		console.log('payload digest mismatch', rec.warcTargetURI); bad++;
	}
}
for (const c of concurrent) if (!ids.has(c)) { console.log('dangling WARC-Concurrent-To', c); bad++; }
// 2. block digests over the raw records (Node zlib reads the concatenated members)
const raw = zlib.gunzipSync(fs.readFileSync(file));
let off = 0, n = 0;
while (off < raw.length) {
	const end = raw.indexOf('\r\n\r\n', off);
	const head = raw.subarray(off, end).toString('latin1');
	const len = Number(/\r\nContent-Length: *(\d+)/i.exec(head)[1]);
	const block = raw.subarray(end + 4, end + 4 + len);
	const want = /\r\nWARC-Block-Digest: *(\S+)/i.exec(head);
	if (want && sha1(block) !== want[1]) { console.log('block digest mismatch at', off); bad++; }
	off = end + 4 + len + 4; n++;
}
console.log(JSON.stringify({ records: n, types }));
if (!types.warcinfo || !types.response || !types.request) { console.log('record types missing'); bad++; }
// the redirect chain: 301 -> 302 -> 307 -> the article, every hop recorded
const want = { 'redirect-chain': 301, 'redirect-chain/2': 302, 'redirect-chain/3': 307 };
for (const [k, v] of Object.entries(want))
	if (hops[k] !== v) { console.log('redirect hop', k, 'recorded as', hops[k], 'not', v); bad++; }
process.exit(bad ? 1 : 0);
JS
(cd "$cache" && node check.mjs "$work/c.warc.gz") || { echo "FAIL: warcio/node found problems"; exit 1; }
# analyze --warc: the final pages only, never a redirect hop
"$NEWSMINE" analyze --warc "$work/c.warc.gz" > "$work/analysed" 2> "$work/analyze.err" ||
	{ cat "$work/analyze.err"; echo "FAIL: analyze --warc"; exit 1; }
grep -q '"url":"[^"]*/gen/1.html"' "$work/analysed" || { echo "FAIL: analyze --warc missed a page"; exit 1; }
if grep -q '"url":"[^"]*/_fault/redirect-chain' "$work/analysed"; then
	echo "FAIL: analyze --warc analysed a redirect hop"; exit 1
fi
grep -q '"url":"[^"]*crypto-liquidations-reset-or-risk-off.html"' "$work/analysed" ||
	{ echo "FAIL: analyze --warc missed the redirect chain's final page"; exit 1; }
