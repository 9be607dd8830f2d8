#!/usr/bin/env bash
OUT=out
pushd "$OUT" >/dev/null
popd >/dev/null
docker build -t acme/app .
