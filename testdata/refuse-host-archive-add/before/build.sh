#!/bin/sh
set -e
docker build -f Dockerfile.build -t app-builder .
docker create --name ex app-builder
docker cp ex:/src/out ./out
docker rm ex
tar -czf app.tar.gz -C out .
docker build -t app .
