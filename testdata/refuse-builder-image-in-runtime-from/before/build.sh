#!/bin/sh
set -e
docker build -t app:build -f Dockerfile.build .
docker create --name extract app:build
docker cp extract:/src/app ./app
docker rm extract
docker build -t app:latest .
