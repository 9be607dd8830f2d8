#!/bin/sh
set -e
VERSION=$(cat VERSION)
# The version is known only when the script runs: docker run gets it with -e.
docker build --build-arg VERSION="$VERSION" -t carried/app .
