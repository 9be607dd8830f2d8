#!/bin/sh
DEST=app
if [ -n "$RELEASE" ]; then DEST=release-app; fi
docker build -t varif/builder -f Dockerfile.build .
docker create --name varif-x varif/builder
docker cp varif-x:/app "$DEST"
docker rm varif-x
docker build -t varif/app .
