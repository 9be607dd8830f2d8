#!/bin/sh
set -e
docker build -t rel/builder -f Dockerfile.build .
docker create --name rel-x rel/builder
docker cp rel-x:/app ./release/app
docker rm rel-x
sha256sum release/app > release/SHA256SUMS
