#!/bin/sh
# Builds the api toolchain image on its own for local debugging.
docker build -t api/builder -f services/api/Dockerfile.build services/api
docker run --rm -it api/builder sh
