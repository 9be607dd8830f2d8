#!/usr/bin/env bash
# The layout a style guide recommends: every step in a function, main "$@" at the end.
set -euo pipefail

readonly IMAGE="nested/app"

log() {
  echo "==> $*"
}

build_artifact() {
  docker build -t "${IMAGE}-build" -f Dockerfile.build .
  local cid
  cid="$(docker create "${IMAGE}-build")"
  docker cp "${cid}:/src/out/app" ./app
  docker rm -v "${cid}" >/dev/null
}

build_image() {
  local tag="${IMAGE}:latest"
  docker build -t "${tag}" .
}

main() {
  build_artifact
  build_image
  echo "built ${IMAGE}:latest"
}

main "$@"
