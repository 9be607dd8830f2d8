#!/bin/sh
set -e
OS=linux
docker build --build-arg BIN="out/tool-$OS" -t tool:latest .
