#!/bin/sh
# Where the artifact goes and what the image is called can be set from outside; both have defaults.
set -eu
OUT_DIR="${OUT_DIR:-dist}"
IMAGE="${IMAGE:-envdef/app}"
docker build -t "$IMAGE-builder" -f Dockerfile.build .
id=$(docker create "$IMAGE-builder")
mkdir -p "$OUT_DIR"
docker cp "$id:/src/out/app" "$OUT_DIR/app"
docker rm "$id" >/dev/null
docker build -t "$IMAGE:latest" .
rm -rf "$OUT_DIR"
