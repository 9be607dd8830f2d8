#!/bin/sh
set -e
docker build -t numbered/builder -f Dockerfile.build .
docker create --name numbered-x numbered/builder
docker cp numbered-x:/opt/lib.so ./lib.so
docker rm numbered-x
docker build -t numbered/app .
rm lib.so
