#!/bin/sh
set -e
docker build -t rmi/builder:1 -f Dockerfile.build .
docker create --name rmi-x rmi/builder:1
docker cp rmi-x:/src/out/app ./app
docker rm rmi-x
docker build -t rmi/app .
# Leave no builder image behind.
docker image rm -f rmi/builder:1
rm -f app
