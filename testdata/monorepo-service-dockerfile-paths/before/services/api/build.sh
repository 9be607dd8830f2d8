#!/usr/bin/env bash
# Build the release image for example/app.
set -euo pipefail

IMAGE=example/app
TAG=${VERSION:-1.0}

docker build -t "$IMAGE:build-$TAG" -f Dockerfile.build .

id=$(docker create "$IMAGE:build-$TAG")
docker cp "$id":/out/app ./app
docker rm -v "$id"

docker build -t "$IMAGE:$TAG" .
rm -f ./app
