#!/bin/sh
set -e
cd "$(dirname "$0")/.."

docker build -t nested/builder -f docker/Dockerfile.build .
docker create --name nested-x nested/builder
mkdir -p build
docker cp nested-x:/work/bin/app build/app
docker rm nested-x
docker build -t nested/app -f docker/Dockerfile .
rm -rf build
