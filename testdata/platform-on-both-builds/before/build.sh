#!/bin/sh
# Both builds target linux/amd64 (an Apple Silicon laptop shipping to amd64 servers).
set -e
docker build --platform linux/amd64 -t plat/builder -f Dockerfile.build .
docker create --name plat-x plat/builder
docker cp plat-x:/out/app ./app
docker rm plat-x
docker build --platform linux/amd64 -t plat/app:latest .
