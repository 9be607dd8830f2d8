#!/usr/bin/env bash
# Build the release image for example/app.
set -euo pipefail

IMAGE=example/app
TAG=${VERSION:-1.0}

docker build -t "$IMAGE:$TAG" .
