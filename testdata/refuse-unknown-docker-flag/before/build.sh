#!/bin/sh
docker build -t flag/builder -f Dockerfile.build .
docker create --storage-opt size=1G --name flag-x flag/builder
docker cp flag-x:/app ./app
docker rm flag-x
docker build -t flag/app .
