#!/bin/sh
set -e
docker build -t rsync/builder -f Dockerfile.build .
docker create --name rsync-x rsync/builder
docker cp rsync-x:/out ./out
docker rm rsync-x
mkdir -p dist
rsync -a --delete out/ dist/
docker build -t rsync/app .
