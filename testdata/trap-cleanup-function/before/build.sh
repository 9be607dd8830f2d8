#!/usr/bin/env bash
set -euo pipefail

cid=""
# Remove the extraction container however the script ends.
cleanup() {
  if [[ -n "$cid" ]]; then
    docker rm -f "$cid" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

docker build -t trapfn/builder -f Dockerfile.build .
cid="$(docker create trapfn/builder)"
docker cp "$cid:/src/out/app" ./app
docker build -t trapfn/app:latest .
