#!/bin/sh
set -e
docker build -t tgz/builder -f Dockerfile.build .
docker create --name tgz-x tgz/builder
docker cp tgz-x:/out/app.tar.gz ./app.tar.gz
docker rm tgz-x
docker build -t tgz/app .
rm app.tar.gz
