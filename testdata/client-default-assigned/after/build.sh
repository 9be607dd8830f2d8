#!/bin/sh
# The client and the output directory, each defaulted once with sh's assign-default expansion.
set -e
: "${ENGINE:=docker}"
: ${OUT_DIR=.}
"$ENGINE" build --tag assignc/app:latest .
