#!/bin/sh
set -e
# BuildKit exports the artifact stage to ./bin; the runtime image copies it from there.
docker build -t output/app .
