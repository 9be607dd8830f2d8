#!/bin/sh
set -e
docker build -t builder -f Dockerfile.build .
docker create --name x builder
docker cp x:/src/app ./app
docker rm x
docker build -t app .
