#!/bin/sh
set -e
docker build -t mixed/builder -f Dockerfile.build .
docker create --name mixed-x mixed/builder
docker cp mixed-x:/src/server ./server
docker rm mixed-x
docker build -t mixed/app .
rm server
