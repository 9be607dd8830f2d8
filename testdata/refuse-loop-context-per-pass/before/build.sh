#!/bin/sh
set -e
for d in svc; do
  docker build -t v/builder "$d"
done
id=$(docker create v/builder)
docker cp "$id":/out/app ./app
docker rm "$id"
docker build -t v/app .
