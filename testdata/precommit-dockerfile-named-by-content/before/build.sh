#!/bin/sh
set -e
docker build -f ci/builder.docker -t named/builder .
docker create --name named-x named/builder
docker cp named-x:/out/app ./app
docker rm named-x
docker build -t named/app .
rm app
