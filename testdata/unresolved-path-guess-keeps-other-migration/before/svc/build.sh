#!/bin/sh
set -e
cd "$(dirname "$0")"
docker build -f Dockerfile.build -t svc/builder .
docker create --name svc-extract svc/builder
docker cp svc-extract:/out/app ./app
docker rm svc-extract
docker build -t svc/app .
