#!/bin/sh
set -e
# dist/ is kept in git (dist/.gitkeep) so the mount point exists on a fresh clone.
docker run --rm -v "$PWD/src":/src:ro -v "$PWD/dist":/dist local/build:1 sh -c 'cp /src/index.html /dist/'
docker build -t site .
