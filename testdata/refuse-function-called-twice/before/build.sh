#!/bin/sh
set -e
cd "$(dirname "$0")"

build_builder() {
  docker build -t fn/builder -f Dockerfile.build .
}

extract() {
  docker create --name fn-x fn/builder
  docker cp fn-x:/app ./app
  docker rm fn-x
}

build_runtime() {
  echo "building the runtime image"
  docker build -t fn/app .
}

build_builder
extract
# Extracting twice: restage would have to know what the second call finds.
extract
build_runtime
rm app
