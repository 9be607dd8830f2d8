#!/bin/sh
set -e
mkdir -p out
docker build -t sub/app -f docker/Dockerfile .
rm -rf out
