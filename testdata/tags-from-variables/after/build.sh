#!/bin/sh
set -e
VERSION=$(git describe --tags --always 2>/dev/null || echo dev)
IMAGE=vtag/app
docker build -t "$IMAGE:$VERSION" -t "$IMAGE:latest" .
