#!/bin/sh
set -e
docker build -t lookup/builder -f Dockerfile.build .
docker create lookup/builder | xargs -I{} docker cp {}:/out/app ./app
docker build -t lookup/app .
