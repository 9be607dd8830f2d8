#!/bin/sh
set -e
VERSION=$(cat VERSION)
docker build -t "rt/builder:$VERSION" -f Dockerfile.build .
mkdir -p bin
docker run --rm "rt/builder:$VERSION" cat /out/app > bin/app
docker build -t rt/app .
