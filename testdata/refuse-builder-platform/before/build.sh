#!/bin/sh
docker build --platform linux/arm64 -t plat/builder -f Dockerfile.build .
docker create --name plat-x plat/builder
docker cp plat-x:/app ./app
docker rm plat-x
docker build -t plat/app .
