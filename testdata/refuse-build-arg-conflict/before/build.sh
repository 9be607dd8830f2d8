#!/bin/sh
docker build --build-arg VERSION=2.0 -t arg/builder -f Dockerfile.build .
docker create --name arg-x arg/builder
docker cp arg-x:/app ./app
docker rm arg-x
docker build -t arg/app .
