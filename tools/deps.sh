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
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
