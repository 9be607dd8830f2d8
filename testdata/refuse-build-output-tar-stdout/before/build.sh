#!/bin/sh
set -e
# The tar exporter has no dest: buildx writes the archive to stdout.
docker buildx build -o type=tar -f Dockerfile.build . > app.tar
mkdir -p bin && tar -xf app.tar -C bin
docker build -t t/app .
rm -f app.tar
