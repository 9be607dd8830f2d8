#!/bin/sh
set -e
docker run --rm -v "$PWD":/src -w /src local/build:1 sh -c "cat main.txt > app"
