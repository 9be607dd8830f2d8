#!/bin/sh
set -e
# Build in a stock toolchain container with the checkout mounted, then package the binary.
docker run --rm --platform linux/amd64 -v "$PWD":/src -w /src -e TARGET=linux local/build:1 \
  sh -c 'mkdir -p bin && cat main.txt > bin/app && echo "$TARGET" >> bin/app && chmod 0755 bin/app'
docker build -t runvol/app .
rm -rf bin
