#!/usr/bin/env bash
set -euo pipefail

build_binary() {
  local version
  version=$(git describe --tags --always)
  docker build --build-arg VERSION="$version" -t example/app-builder -f Dockerfile.build .
  docker create --name extract example/app-builder
  docker cp extract:/out/app app
  docker rm extract
}

build_binary
docker build -t example/app .
