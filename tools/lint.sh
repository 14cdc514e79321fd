#!/bin/sh
# Banned functions: unbounded or locale-dependent calls that hostile input turns into bugs.
set -u
bad=$(grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|atof|gets)[[:space:]]*\(' \
	base/*.c extract/*.c classify/*.c corpus/*.c crawler/*.c cli/*.c site/*.c 2>/dev/null)
if [ -n "$bad" ]; then
	echo "$bad"
	echo "lint: banned functions found (use snprintf, nm_buf, strtol/strtod)"
	exit 1
fi
echo "lint: ok"
