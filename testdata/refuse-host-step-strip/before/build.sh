#!/bin/sh
docker build -t strip/builder -f Dockerfile.build .
docker create --name strip-x strip/builder
docker cp strip-x:/app ./app
docker rm strip-x
strip --strip-unneeded app
docker build -t strip/app .
