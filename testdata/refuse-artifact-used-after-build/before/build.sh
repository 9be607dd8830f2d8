#!/bin/sh
docker build -t after/builder -f Dockerfile.build .
docker create --name after-x after/builder
docker cp after-x:/app ./app
docker rm after-x
docker build -t after/app .
tar czf release.tar.gz app
rm app
