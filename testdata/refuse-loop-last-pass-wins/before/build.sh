#!/bin/sh
set -e
for variant in small large; do
  docker build --build-arg VARIANT=$variant -t loop/build:$variant -f Dockerfile.build .
  docker create --name loop-x loop/build:$variant
  docker cp loop-x:/out/app ./app
  docker rm loop-x
done
docker build -t loop/app .
rm app
