#!/bin/sh
set -e
docker build -t rootfs/builder -f Dockerfile.build .
id=$(docker create rootfs/builder)
docker export "$id" > rootfs.tar
docker rm "$id"
docker build -t rootfs/app .
