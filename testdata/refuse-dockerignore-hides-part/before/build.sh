#!/bin/sh
docker build -t ign/builder -f Dockerfile.build .
docker create --name ign-x ign/builder
docker cp ign-x:/dist ./dist
docker rm ign-x
docker build -t ign/app .
