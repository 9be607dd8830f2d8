#!/bin/sh
# The export is in a JSON bake file the command names.
set -e
docker buildx bake -f ci-bake.json artifact
docker build --tag bakejson/app:latest .
