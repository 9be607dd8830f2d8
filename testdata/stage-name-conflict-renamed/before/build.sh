#!/bin/sh
set -e
docker build -t names/builder -f Dockerfile.build .
docker create --name names-x names/builder
docker cp names-x:/app ./app
docker rm names-x
docker build -t names/app .
rm app
