#!/bin/sh
set -e
# Two toolchains, two containers, one runtime image.
docker build -t multi/api-build -f Dockerfile.api .
docker build -t multi/web-build -f Dockerfile.web .

docker create --name api-x multi/api-build
docker cp api-x:/go/bin/api ./api
docker rm api-x

web=$(docker create multi/web-build)
docker cp "$web":/web/dist ./public
docker rm "$web"

docker build -t multi/app .
rm -rf api public
