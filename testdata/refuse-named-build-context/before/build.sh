#!/bin/sh
set -e
docker build -t named/builder -f Dockerfile.build .
docker create --name named-x named/builder
docker cp named-x:/out ./dist
docker rm named-x
# The artifact reaches the runtime build as a named build context.
docker buildx build --build-context art=./dist -t named/app .
