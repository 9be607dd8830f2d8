#!/bin/sh
set -e
# One image per variant.
for variant in small large; do
  echo "building $variant"
  docker build --build-arg VARIANT=$variant -t loop/build:$variant -f Dockerfile.build .
  docker create --name loop-x loop/build:$variant
  docker cp loop-x:/out/app ./app
  docker rm loop-x
  docker build -t loop/app:$variant .
  rm app
done
