#!/bin/sh
set -e
# The toolchain image can be overridden from the environment.
BUILD_IMAGE=${BUILD_IMAGE:-local/build:1}
docker run --rm -v "$PWD":/src -w /src "$BUILD_IMAGE" sh -c 'cat main.txt > app && chmod 0755 app'
docker build -t imagevar/app .
rm -f app
