#!/bin/sh
set -e
# The toolchain writes ./app into the mounted checkout; no word of the command is a path.
docker build -t unnamed/app .
