#!/bin/sh
set -e
docker build -t nonroot/builder -f Dockerfile.build .
docker create --name nonroot-x nonroot/builder
docker cp nonroot-x:/home/app/out ./out
docker rm nonroot-x
docker build -t nonroot/app .
rm -rf out
