#!/bin/sh
set -e
docker build -t stream/builder -f Dockerfile.build .
id=$(docker create stream/builder)
mkdir -p out
# docker cp streams a tar of dist/ itself; tar unpacks it into out/.
docker cp "$id":/src/dist - | tar -x -C out
docker rm "$id"
docker build -t stream/app .
rm -rf out
