#!/bin/sh
set -e
cd sub && docker build -t rebased/builder:1 -f Dockerfile.build . && cd ..
docker create --name rebased-x rebased/builder:1
docker cp rebased-x:/out/app ./app
docker rm rebased-x
docker build -t rebased/app .
# The builder image is used again: its --target build is kept.
docker run --rm rebased/builder:1 cat /etc/config
rm app
