#!/bin/sh
set -e
docker build -f Dockerfile.build -t relpath/builder .
docker create --name relpath-extract relpath/builder
# "app" here is /app, not /src/app: docker cp resolves it from the container's root.
docker cp relpath-extract:app ./app
docker rm relpath-extract
docker build -t relpath/app .
rm app
