#!/bin/sh
# The client and a whole docker run in variables, used unquoted: the shell splits each into words.
set -e
DOCKER="docker --log-level warn"
TOOLCHAIN="docker run --rm -v $PWD/out:/out -w /src local/build:1"
$DOCKER build --build-arg GREETING=hello -t split/app:latest .
