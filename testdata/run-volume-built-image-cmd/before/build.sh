#!/bin/sh
set -e
docker build -t web-builder -f Dockerfile.build .
# The image's CMD builds into the mounted dist/.
docker run --rm --volume="$(pwd)/dist:/app/dist" web-builder
docker build -t web:latest .
