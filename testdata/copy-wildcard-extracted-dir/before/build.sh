#!/bin/sh
set -e
docker build -t jar/builder -f Dockerfile.build .
docker create --name jar-x jar/builder
docker cp jar-x:/app/target ./target
docker rm jar-x
docker build -t jar/app .
rm -rf target
