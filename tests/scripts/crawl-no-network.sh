#!/bin/sh
# Nothing reachable: 127.0.0.1 port 9 refuses connections. The crawl must end at once
# (no retry storm, no waiting on robots.txt), keep the URLs queued for a later run and
# exit 69; with some pages fetched and a host unreachable it exits 75.
set -u
: "${NEWSMINE:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/nm-crawl-nonet.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work"
"$NEWSMINE" crawl --db c.db http://127.0.0.1:9/a http://127.0.0.1:9/b > out 2> err
rc=$?
if grep -q 'corpus: not built yet' err; then echo "skip: the corpus is not built in this tree"; exit 77; fi
[ $rc -eq 69 ] || { cat err; echo "FAIL: exit $rc, want 69"; exit 1; }
grep -q 'nothing could be fetched' err || { cat err; echo "FAIL: no summary"; exit 1; }
if command -v sqlite3 >/dev/null 2>&1; then
	[ "$(sqlite3 c.db "select count(*) from frontier where state = 0")" = 2 ] ||
		{ echo "FAIL: the URLs were not left queued"; exit 1; }
fi
