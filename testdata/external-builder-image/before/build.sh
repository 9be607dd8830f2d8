#!/bin/sh
set -e
TOOLCHAIN=org/toolchain:1.2
docker pull "$TOOLCHAIN"
docker create --name tc "$TOOLCHAIN"
docker cp tc:/usr/bin/tool ./tool
docker rm tc
docker build --pull -t org/app .
rm tool
