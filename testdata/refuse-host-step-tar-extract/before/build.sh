#!/bin/sh
set -e
docker build -t tarx/builder -f Dockerfile.build .
docker create --name tarx-x tarx/builder
docker cp tarx-x:/app.tar.gz ./app.tar.gz
docker rm tarx-x
mkdir -p out
tar -xzf app.tar.gz -C out
docker build -t tarx/app .
rm -rf out app.tar.gz
