#!/bin/sh
set -e
docker build -t tarpipe/builder -f Dockerfile.build .
mkdir -p out
docker run --rm tarpipe/builder tar -C /dist -cf - . | tar -C out -xf -
docker build -t tarpipe/app .
rm -rf out
