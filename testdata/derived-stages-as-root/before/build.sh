#!/bin/sh
set -e
docker build -t asroot/builder -f Dockerfile.build .
# The builder runs as uid 1000; what it holds belongs to root.
docker run --rm asroot/builder cat /out/tool > tool
docker create --name asroot-x asroot/builder
docker cp asroot-x:/out/site.tgz ./site.tgz
docker rm asroot-x
docker build -t asroot/app .
