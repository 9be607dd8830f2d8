#!/bin/sh
set -e
docker build -t app/builder -f Dockerfile.build .
./scripts/extract.sh
docker build -t app/app .
