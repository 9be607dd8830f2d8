#!/bin/sh
docker build -t orlist/builder -f Dockerfile.build . || echo "builder build failed, using the last image"
docker create --name orlist-x orlist/builder
docker cp orlist-x:/app ./app
docker rm orlist-x
docker build -t orlist/app .
