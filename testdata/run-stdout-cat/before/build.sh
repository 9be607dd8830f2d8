#!/bin/sh
set -e
docker build -t stdout/builder -f Dockerfile.build .
docker run --rm stdout/builder cat app > app
chmod +x app
docker build -t stdout/app .
rm app
