#!/bin/sh
# a local helper, ignored: builds with the builder image
docker build -t local -f Dockerfile.build .
