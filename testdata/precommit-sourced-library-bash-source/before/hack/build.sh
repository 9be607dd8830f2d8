#!/usr/bin/env bash
set -o errexit
HACK_DIR="$(dirname "${BASH_SOURCE[0]}")"
source "${HACK_DIR}/lib/init.sh"
cd "${HACK_DIR}/.."
extract_artifact acme/builder /out/app ./app
docker build -t x .
