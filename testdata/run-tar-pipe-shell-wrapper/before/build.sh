#!/bin/sh
set -e
docker build -t wrap/builder -f Dockerfile.build .
mkdir -p public
# The container side runs in a shell: cd first, then tar to stdout.
docker run --rm wrap/builder sh -c 'cd out/www && tar -cf - .' | tar -xf - -C public
docker build -t wrap/app:latest .
rm -rf public
