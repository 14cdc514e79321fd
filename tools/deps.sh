#!/bin/sh
# Install the Debian packages newsmine needs to build, test and run its demo.
# A no-op when they are all present; otherwise one non-interactive apt-get.
set -eu
PKGS="build-essential pkg-config ca-certificates libpcre2-dev libxml2-dev libcurl4-openssl-dev
libsqlite3-dev sqlite3 libjansson-dev libcmocka-dev libmicrohttpd-dev zlib1g-dev nettle-dev"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
# Tools the tests drive (JSON checks, expectation files, an independent WARC reader): a
# machine that already has them from elsewhere (a newer Node.js, say) keeps its own.
command -v jq >/dev/null 2>&1 || missing="$missing jq"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
# `make fuzz` (tools/deps.sh fuzz) also needs clang with libFuzzer.
if [ "${1:-}" = fuzz ]; then
	command -v clang >/dev/null 2>&1 || missing="$missing clang"
fi
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
