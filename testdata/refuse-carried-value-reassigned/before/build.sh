#!/bin/sh
set -e
VERSION=$(git describe --tags --always)
# The binary carries the described version; the image is tagged latest.
docker run --rm -v "$PWD":/src -w /src -e VERSION="$VERSION" golang:1.22 \
  sh -c 'go build -ldflags "-X main.version=$VERSION" -o bin/app .'
VERSION=latest
docker build -t "example/app:$VERSION" .
