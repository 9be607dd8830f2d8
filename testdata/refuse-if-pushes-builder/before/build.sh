#!/bin/sh
set -e
docker build -t ifp/builder -f Dockerfile.build .
docker create --name ifp-x ifp/builder
docker cp ifp-x:/app ./app
docker rm ifp-x
docker build -t ifp/app .
rm app

# Publishing the builder image needs the builder image, which the migration no longer builds here.
if [ "${PUSH:-0}" = 1 ]; then
  docker push ifp/builder
fi
