#!/bin/sh
set -e
VERSION=1.2.3
docker build --build-arg "VERSION=$VERSION" --no-cache --tag acme/tool:$VERSION .
