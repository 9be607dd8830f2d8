#!/bin/sh
set -e
docker build -t app-builder -f Dockerfile.build .
docker create --name ex app-builder
docker cp ex:/src/app ./app
docker rm ex
docker build -t app --build-arg BIN="$(ls app*)" .
