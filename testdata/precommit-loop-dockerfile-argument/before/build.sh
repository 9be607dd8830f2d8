#!/bin/sh
set -e
DIR=docker
for t in build; do
  docker build -f "$DIR/Dockerfile.$t" -t v/builder .
done
id=$(docker create v/builder)
docker cp "$id":/out/app ./app
docker rm "$id"
docker build -t v/app .
