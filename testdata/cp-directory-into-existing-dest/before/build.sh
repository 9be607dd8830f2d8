#!/bin/sh
set -e
docker build -t direx/builder -f Dockerfile.build .
docker create --name direx-x direx/builder
# dist/ is tracked (it holds README.md), so the directory lands in dist/out.
docker cp direx-x:/out ./dist
docker rm direx-x
docker build -t direx/app .
rm -rf dist/out
