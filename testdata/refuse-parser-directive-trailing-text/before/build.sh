#!/bin/sh
set -e
docker build -t esc/builder -f Dockerfile.build .
docker create --name esc-x esc/builder
docker cp esc-x:/out/app ./app
docker rm esc-x
docker build -t esc/app .
rm app
