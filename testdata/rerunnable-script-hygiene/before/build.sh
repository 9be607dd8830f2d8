#!/bin/sh
set -e
# Safe to run twice: clear what a failed run left behind.
docker rm -f hygiene-x 2>/dev/null || true
rm -rf dist
mkdir -p dist
docker build -t hygiene/builder -f Dockerfile.build .
docker create --name hygiene-x hygiene/builder
docker cp hygiene-x:/out/app dist/app
docker rm -f hygiene-x || true
docker build -t hygiene/app .
rm -rf dist || :
