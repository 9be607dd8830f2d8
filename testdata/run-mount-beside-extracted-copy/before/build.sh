#!/bin/sh
set -e
docker build -t rmount/builder -f Dockerfile.build .
docker create --name rmount-x rmount/builder
mkdir -p bin
docker cp rmount-x:/src/out/app bin/app
docker rm rmount-x
DOCKER_BUILDKIT=1 docker build -t rmount/app .
rm -rf bin
