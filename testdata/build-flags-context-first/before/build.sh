#!/bin/sh
set -e
VERSION=1.2.3
docker image build . --file Dockerfile.build --tag=acme/tool:builder -t acme/tool:builder-ci \
  --build-arg "VERSION=$VERSION" --no-cache
docker container create --name=acme-extract acme/tool:builder-ci
docker container cp -a acme-extract:/usr/local/bin/tool bin-tool
docker container rm --force --volumes acme-extract
docker build --tag acme/tool:$VERSION .
rm -f bin-tool
