#!/bin/sh
# The client and the output directory, each defaulted once with sh's assign-default expansion.
set -e
: "${ENGINE:=docker}"
: ${OUT_DIR=.}
"$ENGINE" build --file Dockerfile.build --tag assignc/builder .
id=$("$ENGINE" create assignc/builder)
"$ENGINE" cp "$id":/go/src/app/out/app "$OUT_DIR"/app
"$ENGINE" rm "$id"
"$ENGINE" build --tag assignc/app:latest .
