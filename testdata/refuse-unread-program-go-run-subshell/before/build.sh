#!/bin/sh
set -e
docker build -f Dockerfile.build -t go/builder .
(cd tools/pull && go run . go/builder)
docker build -t go/app .
