#!/bin/sh
set -e
VERSION=$(cat VERSION)
# The version is known only when the script runs: docker run gets it with -e.
docker run --rm -v "$PWD":/src -w /src -e VERSION="$VERSION" -e TARGET=linux local/build:1 \
  sh -c 'cat main.txt > app && echo "$VERSION $TARGET" >> app && chmod 0755 app'
docker build -t carried/app .
rm -f app
