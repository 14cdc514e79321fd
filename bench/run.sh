#!/bin/sh
# make bench: every bench/<area>.sh in turn. Each prints its figures as ratios against a
# baseline measured in the same run (never absolute pass/fail thresholds).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export NEWSMINE="$top/newsmine" NEWSMINE_SITE="$top/newsmine-site"
: "${SHARED:=$(cd "$top/.." && pwd)/shared}"
export SHARED
echo "bench: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
status=0
for b in bench/*.sh; do
	[ "$b" = bench/run.sh ] && continue
	echo
	echo "== $(basename "$b" .sh)"
	sh "$b" || { echo "bench: $(basename "$b") failed"; status=1; }
done
exit $status
