#!/bin/sh
docker build -t dot/builder -f Dockerfile.build .
docker create --name dot-x dot/builder
docker cp dot-x:/app ./app
docker rm dot-x
docker build -t dot/app .
rm app
