#!/bin/bash
set -euo pipefail
source scripts/lib.sh
docker build -t app/builder -f Dockerfile.build .
pull_artifact app/builder
docker build -t app/app .
