#!/bin/sh
set -e
docker build --target builder -t lookup/builder -f Dockerfile .
docker build -t lookup/app .
# Clean up the builder image, found by a lookup rather than named.
docker rmi $(docker images -q lookup/builder)
