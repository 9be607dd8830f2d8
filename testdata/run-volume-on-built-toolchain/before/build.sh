#!/bin/sh
set -e
docker build -t tc/toolchain -f Dockerfile.build .
docker run --rm -v "$PWD":/src tc/toolchain sh make-app.sh out/app
docker build -t tc/app .
rm -rf out
