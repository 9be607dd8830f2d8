#!/bin/sh
# Builds any builder Dockerfile given as $1 and extracts its /out/tool.
set -e
docker build -f "$1" -t tool/builder .
docker create --name tool-extract tool/builder
docker cp tool-extract:/out/tool ./tool
docker rm tool-extract
docker build -t tool/app .
