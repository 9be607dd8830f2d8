#!/bin/sh
set -e
# A shared base image, then two services on top of it: layering, not a builder.
docker build -t acme/base -f Dockerfile.base .
docker build -t acme/api -f api/Dockerfile api
