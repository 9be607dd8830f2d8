#!/usr/bin/env bash
# The layout a style guide recommends: every step in a function, main "$@" at the end.
set -euo pipefail

readonly IMAGE="nested/app"

log() {
  echo "==> $*"
}

build_image() {
  local tag="${IMAGE}:latest"
  docker build -t "${tag}" .
}

main() {
  build_image
  echo "built ${IMAGE}:latest"
}

main "$@"
