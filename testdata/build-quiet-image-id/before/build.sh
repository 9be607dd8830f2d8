#!/bin/sh
# The builder image is never tagged: docker build -q prints its id, which the script keeps.
set -e
IMG=$(docker build -q -f Dockerfile.build .)
CID=$(docker create "$IMG")
docker cp "$CID":/go/src/app/out/app ./app
docker rm "$CID"
docker build -t quietid/app:latest .
