#!/bin/sh
# make lint as a test: no banned function (sprintf, strcpy, strtok, atoi, ...) in the tree.
cd "$NEWSMINE_TOP" && sh tools/lint.sh
