#!/bin/sh
set -e
VERSION=$(git describe --tags --always 2>/dev/null || echo dev)
IMAGE=vtag/app
docker build -t "$IMAGE:build-$VERSION" -f Dockerfile.build .
docker create --name "vtag-$VERSION" "$IMAGE:build-$VERSION"
docker cp "vtag-$VERSION:/app" ./app
docker rm "vtag-$VERSION"
docker build -t "$IMAGE:$VERSION" -t "$IMAGE:latest" .
rm app
