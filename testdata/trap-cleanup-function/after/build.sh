#!/usr/bin/env bash
set -euo pipefail

cid=""
# Remove the extraction container however the script ends.

docker build -t trapfn/app:latest .
