#!/bin/sh
set -e
# BuildKit exports the artifact stage to ./bin; the runtime image copies it from there.
DOCKER_BUILDKIT=1 docker build -f Dockerfile.build --target artifact -o type=local,dest=bin .
docker build -t output/app .
rm -rf bin
