#!/bin/sh
# The docs site, built by mkdocs (the image's ENTRYPOINT) into site/, served by nginx.
set -e
docker run --rm -v "$PWD":/docs squidfunk/mkdocs-material:9 build --strict
docker build -t example/docs .
