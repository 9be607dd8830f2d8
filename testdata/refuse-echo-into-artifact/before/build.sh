#!/bin/sh
docker build -t echo/builder -f Dockerfile.build .
docker create --name echo-x echo/builder
docker cp echo-x:/dist ./dist
docker rm echo-x
echo 1.2.3 > dist/VERSION
docker build -t echo/app .
