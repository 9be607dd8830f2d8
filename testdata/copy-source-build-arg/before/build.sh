#!/bin/sh
set -e
OS=linux
docker build -t tool:builder -f Dockerfile.build .
id=$(docker create tool:builder)
mkdir -p out
docker cp "$id":/src/out/tool-linux out/
docker rm "$id"
docker build --build-arg BIN="out/tool-$OS" -t tool:latest .
