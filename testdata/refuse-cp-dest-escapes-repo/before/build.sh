#!/bin/sh
set -e
docker build -t demo/build -f Dockerfile.build .
docker create --name demo-extract demo/build
docker cp demo-extract:/out/app ../../etc/x
docker rm demo-extract
docker build -t demo/app .
