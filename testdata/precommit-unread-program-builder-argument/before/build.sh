#!/bin/sh
set -e
docker build -f Dockerfile.build -t x/builder .
python3 extract_artifact.py x/builder
docker build -t x/app .
