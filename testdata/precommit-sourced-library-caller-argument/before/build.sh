#!/bin/bash
set -e
source "$(dirname "$0")/scripts/lib.sh"
extract_artifact acme/builder /out/app ./app
docker build -t x .

