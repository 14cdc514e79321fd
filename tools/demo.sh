#!/bin/sh
# make demo: the main job on the embedded defaults.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./newsmine analyze --text site/samples/liquidations-article.txt 2>/dev/null || true
