#!/bin/sh
set -e
# Run the build, then copy out of the container it left, found as the latest one.
docker build -t latest/app .
