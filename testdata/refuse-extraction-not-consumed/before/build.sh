#!/bin/sh
set -e
docker build -t app:build -f Dockerfile.build .
docker create --name extract app:build
docker cp extract:/src/app ./app
docker cp extract:/src/app.sha256 ./app.sha256
docker rm extract
docker build -t app:latest .
