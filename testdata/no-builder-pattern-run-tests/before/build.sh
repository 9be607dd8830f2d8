#!/bin/sh
set -e
docker run --rm -v "$PWD":/app -w /app local/build:1 sh -c 'npm ci && npm test'
docker build -t tested/app .
