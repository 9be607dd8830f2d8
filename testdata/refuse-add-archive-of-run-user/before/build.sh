#!/bin/sh
set -e
# Build as the calling user so that the checkout holds no root-owned files.
docker run --rm -u "$(id -u):$(id -g)" -v "$PWD":/src -w /src local/build:1 \
  sh -c 'mkdir -p out && echo site > out/index.html && tar -czf dist.tar.gz -C out .'
docker build -t site/app .
