#!/bin/sh
set -e
docker build -t stdout2/builder -f Dockerfile.build .
docker run --rm stdout2/builder sh -c 'tar -C /build -cf - app | gzip' > app.tar.gz
docker build -t stdout2/app .
