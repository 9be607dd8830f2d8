#!/bin/sh
docker build -t orlist/builder -f Dockerfile.build . || exit 1
docker create --name orlist-x orlist/builder
docker cp orlist-x:/app ./app
docker rm orlist-x
docker build -t orlist/app .
