#!/bin/sh
# Run from the repository root: ./scripts/release-image.sh
set -e
docker build -t sub/app -f docker/Dockerfile .
