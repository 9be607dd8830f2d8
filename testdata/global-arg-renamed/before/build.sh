#!/bin/sh
set -e
docker build --build-arg IMAGE=golang:1.7.3 -t garg/build -f Dockerfile.build .
docker create --name garg-x garg/build
docker cp garg-x:/out/app ./app
docker rm garg-x
docker build -t garg/app .
rm app
