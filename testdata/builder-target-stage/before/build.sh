#!/bin/sh
set -e
# The builder Dockerfile has a test stage after the build stage; only "compile" is extracted from.
docker build --target compile -t target/builder -f Dockerfile.build .
docker create --name target-x target/builder
docker cp target-x:/usr/src/out/app ./app
docker rm target-x
docker build -t target/app:1 -t target/app:latest .
rm app
