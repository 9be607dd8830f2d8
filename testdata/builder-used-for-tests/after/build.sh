#!/bin/sh
set -e
echo "Building kept/app:builder"
docker build --target builder -t kept/app:builder -f Dockerfile .
# The builder image also runs the test suite, so it must still be built.
docker run --rm kept/app:builder sh -c 'test -x /work/app'
docker build -t kept/app:latest .
