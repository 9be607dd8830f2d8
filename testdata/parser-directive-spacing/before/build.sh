#!/bin/sh
set -e
docker build -t spc/builder -f Dockerfile.build .
docker create --name esc-x spc/builder
docker cp esc-x:/out/app ./app
docker rm esc-x
docker build -t spc/app .
rm app
