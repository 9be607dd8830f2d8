#!/bin/sh
set -e
docker build -t allow/builder -f Dockerfile.build .
docker create --name allow-x allow/builder
docker cp allow-x:/out/dist ./dist
docker rm allow-x
docker build -t allow/app .
rm -rf dist
