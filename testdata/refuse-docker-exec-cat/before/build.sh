#!/bin/sh
set -e
docker build -t exec/builder -f Dockerfile.build .
# A long-running builder container, then the artifact read out of it.
docker run -d --name exec-x exec/builder sleep 600
mkdir -p bin
docker exec exec-x cat /out/app > bin/app
docker rm -f exec-x
docker build -t exec/app .
