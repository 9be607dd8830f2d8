#!/bin/sh
set -e
docker build -t b -f Dockerfile.build .
docker create --name c b
mkdir -p bin
docker cp c:/out/app bin/app
docker rm c
docker build -t t/app .
