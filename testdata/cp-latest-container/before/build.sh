#!/bin/sh
set -e
docker build -t latest/builder -f Dockerfile.build .
# Run the build, then copy out of the container it left, found as the latest one.
docker run latest/builder
docker cp "$(docker ps -lq)":/src/app ./app
docker rm "$(docker ps -lq)"
docker build -t latest/app .
