#!/bin/sh
set -e
docker build -t dircont/builder -f Dockerfile.build .
mkdir -p out
docker create --name dircont-x dircont/builder
docker cp dircont-x:/build/. out
docker rm dircont-x
docker build -t dircont/app .
rm -rf out
