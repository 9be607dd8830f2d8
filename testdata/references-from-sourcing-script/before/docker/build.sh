#!/bin/sh
set -e
docker build -t b -f Dockerfile.build .
docker create --name ex b
docker cp ex:/out/app ./app
docker rm ex
docker build -t x .
