#!/bin/sh
set -e
docker build -t ctx/builder -f build/Dockerfile build
docker create --name ctx-x ctx/builder
docker cp ctx-x:/out/tool ./tool
docker rm ctx-x
docker build -t ctx/app .
rm tool
