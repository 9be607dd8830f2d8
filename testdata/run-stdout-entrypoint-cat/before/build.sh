#!/bin/sh
set -e
docker build -t entry/builder -f Dockerfile.build .
mkdir -p bin
# The builder image has an ENTRYPOINT; --entrypoint cat runs cat itself.
docker run --rm --entrypoint cat entry/builder /out/app > bin/app
docker build -t entry/app .
