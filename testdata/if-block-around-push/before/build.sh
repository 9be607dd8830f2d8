#!/bin/sh
set -e
docker build -t ifp/builder -f Dockerfile.build .
docker create --name ifp-x ifp/builder
docker cp ifp-x:/app ./app
docker rm ifp-x
docker build -t ifp/app .
rm app

# Publishing is optional and does not touch the builder or the artifact.
if [ "${PUSH:-0}" = 1 ]; then
  docker push ifp/app
fi
