#!/bin/sh
set -e
docker build -t sub/builder -f docker/Dockerfile.build .
docker create --name sub-x sub/builder
mkdir -p out
docker cp sub-x:/src/app out/app
docker rm sub-x
docker build -t sub/app -f docker/Dockerfile .
rm -rf out
