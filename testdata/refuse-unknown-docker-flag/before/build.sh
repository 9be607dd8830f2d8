#!/bin/sh
docker build -t flag/builder -f Dockerfile.build .
docker create --cpus 2 --name flag-x flag/builder
docker cp flag-x:/app ./app
docker rm flag-x
docker build -t flag/app .
