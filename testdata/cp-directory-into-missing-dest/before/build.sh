#!/bin/sh
set -e
docker build -t dirmiss/builder -f Dockerfile.build .
docker create --name dirmiss-x dirmiss/builder
docker cp dirmiss-x:/out ./dist
docker rm -f dirmiss-x
docker build -t dirmiss/app .
rm -rf dist
