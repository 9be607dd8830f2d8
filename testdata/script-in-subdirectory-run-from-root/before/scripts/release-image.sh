#!/bin/sh
# Run from the repository root: ./scripts/release-image.sh
set -e
docker build -t sub/builder -f docker/Dockerfile.build .
id=$(docker create sub/builder)
mkdir -p dist
docker cp "$id":/out/app dist/app
docker rm "$id"
docker build -t sub/app -f docker/Dockerfile .
