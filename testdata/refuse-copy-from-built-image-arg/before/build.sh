#!/bin/sh
set -e
# The runtime image copies the binary straight out of the builder image by its tag.
docker build -t acme/tool-build:1.4 -f Dockerfile.build .
docker build -t acme/tool:1.4 .
