#!/bin/sh
# A 100 MB page: a result (the article from the first part of the page) in bounded
# memory, never a crash. Pages over the parse cap are parsed up to it.
set -u
yes '<p>Bitcoin slid to about 90,000 dollars as liquidations rose, traders said.</p>' |
	head -c 104857600 > big.html
printf '</body></html>' >> big.html
case "$NEWSMINE" in
*/asan/*|*/tsan/*) ;;       # sanitizers reserve huge virtual space: no ulimit there
*) ulimit -v 2097152 ;;      # 2 GiB of address space is plenty
esac
"$NEWSMINE" extract big.html > out || { echo "extract failed on a 100 MB page"; exit 1; }
[ "$(head -c 39 out)" = "Bitcoin slid to about 90,000 dollars as" ] || { echo "no article text"; exit 1; }
rm -f big.html out
