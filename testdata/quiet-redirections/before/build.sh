#!/bin/bash
set -euo pipefail
docker build -t quiet2/builder -f Dockerfile.build . > /dev/null
docker create --name quiet2-x quiet2/builder >/dev/null 2>&1
docker cp quiet2-x:/out/app ./app 2>&1
docker rm quiet2-x &> /dev/null
echo "built" >&2
docker build -t quiet2/app:latest . >/dev/null 2>&1
