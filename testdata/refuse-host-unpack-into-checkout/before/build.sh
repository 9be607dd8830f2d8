#!/bin/sh
set -e
docker build -t unpack/builder -f Dockerfile.build .
docker create --name unpack-x unpack/builder
docker cp unpack-x:/out/site.tgz .
docker rm unpack-x
# Unpacked where it lands: site/ appears beside the archive.
tar -xzf site.tgz
docker build -t unpack/app .
rm -rf site site.tgz
