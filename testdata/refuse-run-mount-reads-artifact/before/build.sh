#!/bin/sh
set -e
docker build -t mount/builder -f Dockerfile.build .
docker create --name mount-x mount/builder
mkdir -p bin
docker cp mount-x:/out/app bin/app
docker rm mount-x
# The runtime Dockerfile reads bin/ through a bind mount of the context, not a COPY.
docker build -t mount/app .
