#!/bin/sh
set -e
docker build -t jf/builder -f Dockerfile.build .
docker create --name jf-extract jf/builder
mkdir -p bin
docker cp jf-extract:/out/app bin/app
docker cp jf-extract:/out/app.conf bin/app.conf
docker rm jf-extract
docker build -t jf/app .
