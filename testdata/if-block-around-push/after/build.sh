#!/bin/sh
set -e
docker build -t ifp/app .

# Publishing is optional and does not touch the builder or the artifact.
if [ "${PUSH:-0}" = 1 ]; then
  docker push ifp/app
fi
