#!/bin/sh
set -e
# The toolchain writes ./app into the mounted checkout; no word of the command is a path.
docker run --rm -v "$PWD":/src -w /src local/build:1 sh -c 'cat main.txt > app && chmod 0755 app'
docker build -t unnamed/app .
