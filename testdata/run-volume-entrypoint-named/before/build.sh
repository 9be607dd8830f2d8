#!/bin/sh
# The docs tool image runs mkdocs as its ENTRYPOINT; --entrypoint names it, so the run migrates.
set -e
docker build -t tc/mkdocs -f Dockerfile.build .
docker run --rm -v "$PWD":/docs -w /docs --entrypoint mkdocs tc/mkdocs build
docker build -t tc/docs .
