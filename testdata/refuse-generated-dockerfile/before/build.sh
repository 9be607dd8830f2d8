#!/bin/sh
set -e
GO_VERSION=1.21
sed "s/@GO_VERSION@/$GO_VERSION/" Dockerfile.build.in > Dockerfile.build
docker build -t gen/builder -f Dockerfile.build .
docker create --name gen-x gen/builder
docker cp gen-x:/app ./app
docker rm gen-x
docker build -t gen/app .
