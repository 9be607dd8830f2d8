#!/bin/bash
set -euo pipefail
echo "built" >&2
docker build -t quiet2/app:latest . >/dev/null 2>&1
