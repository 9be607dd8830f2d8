#!/bin/sh
# The export is in the bake file, not on the command line.
set -e
docker buildx bake artifact
docker build --tag bake/app:latest .
