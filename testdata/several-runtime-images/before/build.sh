#!/bin/sh
set -e
docker build -t multi/build -f Dockerfile.build .
docker create --name multi-extract multi/build
docker cp multi-extract:/src/out/server ./server
docker cp multi-extract:/src/out/cli ./cli
docker rm multi-extract

docker build -t multi/server -f Dockerfile.server .
docker build -t multi/cli -f Dockerfile.cli .
rm server cli
