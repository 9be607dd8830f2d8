#!/bin/sh
# The builder leaves the binary in a named volume; a throwaway alpine container copies it out.
set -e
docker build -t app-builder -f Dockerfile.build .
docker run --rm -v app-artifacts:/go/src/app/out app-builder
docker run --rm -v app-artifacts:/artifacts -v "$PWD":/host alpine:latest cp /artifacts/app /host/app
docker build -t example/app .
