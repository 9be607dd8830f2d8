#!/bin/sh
docker build -t worker/builder -f Dockerfile.build .
docker create --name worker-x worker/builder
docker cp worker-x:/app ./app
docker rm worker-x
chmod 0700 app
docker build -t worker/app .
rm app
