#!/bin/bash
# Each step stops the script when it fails, in the spellings scripts without set -e use.
cd "$(dirname "$0")" || exit 1
docker build -t orexit/builder -f Dockerfile.build . || exit 1
CONTAINER_ID=$(docker create orexit/builder)
mkdir -p dist
docker cp "$CONTAINER_ID":/src/out/. dist/ || { echo "copy failed" >&2; exit 2; }
docker rm "$CONTAINER_ID" > /dev/null
docker build -t orexit/app:latest . || { echo "image build failed" >&2; exit 1; }
rm -rf dist
exit 0
