#!/bin/sh
set -e
echo "Building kept/app:builder"
docker build -t kept/app:builder -f Dockerfile.build .
# The builder image also runs the test suite, so it must still be built.
docker run --rm kept/app:builder sh -c 'test -x /work/app'
docker create --name kept-x kept/app:builder
docker cp kept-x:/work/app ./app
docker rm kept-x
docker build -t kept/app:latest .
rm app
