#!/bin/sh
set -e
# A module cache in a named volume, the checkout bind-mounted: the everyday Go build in a container.
docker run --rm -v restage-e2e-gomod:/go/pkg/mod -v "$PWD":/src -w /src local/build:1 \
  sh -c 'echo fetched >> /go/pkg/mod/log && mkdir -p bin && cat main.txt > bin/app && chmod 0755 bin/app'
docker build -t cache/app .
rm -rf bin
