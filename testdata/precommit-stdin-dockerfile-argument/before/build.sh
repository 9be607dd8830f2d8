#!/bin/sh
set -e
docker build -t app/builder -f - . < Dockerfile.build
id=$(docker create app/builder)
docker cp "$id":/out/app app
docker rm "$id"
docker build -t app/app .
