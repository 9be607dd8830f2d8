#!/bin/sh
# Copies the binary out of the builder image (build.sh runs this from the root).
set -e
id=$(docker create app/builder)
mkdir -p bin
docker cp "$id":/out/app bin/app
docker rm "$id"
