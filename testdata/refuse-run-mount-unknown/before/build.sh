#!/bin/sh
set -e
# The cache mount is chosen by the caller: it may be a bind of anything, or a volume over /src/bin.
docker run --rm -v "$PWD":/src -w /src --mount "${GO_CACHE_MOUNT:-type=volume,dst=/root/.cache}" golang:1.22 go build -o bin/app .
docker build -t app/app .
