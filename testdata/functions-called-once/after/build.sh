#!/bin/sh
set -e
cd "$(dirname "$0")"

build_runtime() {
  echo "building the runtime image"
  docker build -t fn/app .
}

build_runtime
