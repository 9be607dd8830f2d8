#!/bin/sh
set -e
# The toolchain image can be overridden from the environment.
BUILD_IMAGE=${BUILD_IMAGE:-local/build:1}
docker build --build-arg "BUILD_IMAGE=$BUILD_IMAGE" -t imagevar/app .
