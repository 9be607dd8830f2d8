#!/bin/sh
# Where the artifact goes and what the image is called can be set from outside; both have defaults.
set -eu
OUT_DIR="${OUT_DIR:-dist}"
IMAGE="${IMAGE:-envdef/app}"
docker build -t "$IMAGE:latest" .
