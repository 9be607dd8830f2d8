#!/bin/sh
# Run from the repository root (the image workflow).
set -e
docker build -t tool-builder -f Dockerfile.build .
docker create --name tool-extract tool-builder
docker cp tool-extract:/out/tool ./tool
docker rm tool-extract
docker build -t tool:latest .
