#!/bin/sh
set -e
cd "$(dirname "$0")/.."

mkdir -p build
docker build -t nested/app -f docker/Dockerfile .
rm -rf build
