#!/bin/bash
# Each step stops the script when it fails, in the spellings scripts without set -e use.
cd "$(dirname "$0")" || exit 1
docker build -t orexit/app:latest . || { echo "image build failed" >&2; exit 1; }
exit 0
