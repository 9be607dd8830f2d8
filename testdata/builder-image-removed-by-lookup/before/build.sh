#!/bin/sh
set -e
docker build -t lookup/builder -f Dockerfile.build .
docker create --name lookup-x lookup/builder
docker cp lookup-x:/out/app ./app
docker rm lookup-x
docker build -t lookup/app .
# Clean up the builder image, found by a lookup rather than named.
docker rmi $(docker images -q lookup/builder)
