#!/bin/sh
set -e
docker build -t acme/app:build -f Dockerfile.build .
docker create --name app-extract acme/app:build
docker cp app-extract:/src/app ./app
docker rm app-extract
docker build -t acme/app:latest .
