#!/bin/sh
set -e
docker build -t rename/builder -f Dockerfile.build .
docker create --name rename-x rename/builder
mkdir -p bin
# The binary is renamed on its way out.
docker cp rename-x:/out/app bin/server
docker rm rename-x
docker build -t rename/app .
