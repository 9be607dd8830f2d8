#!/bin/sh
set -e
docker build -t app/builder -f Dockerfile.build .
rm -f app
docker run --rm app/builder cat /build/app >> app
docker build -t app/app .
