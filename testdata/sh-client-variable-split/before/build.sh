#!/bin/sh
# The client and a whole docker run in variables, used unquoted: the shell splits each into words.
set -e
DOCKER="docker --log-level warn"
TOOLCHAIN="docker run --rm -v $PWD/out:/out -w /src local/build:1"
$DOCKER build --build-arg GREETING=hello -t split/builder -f Dockerfile.build .
$DOCKER create --name split-x split/builder
$DOCKER cp split-x:/out/app ./app
$DOCKER rm split-x
$TOOLCHAIN sh -c 'echo notes > /out/notes.txt'
$DOCKER build -t split/app:latest .
