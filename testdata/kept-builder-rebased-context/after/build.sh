#!/bin/sh
set -e
cd sub && docker build --target builder -t rebased/builder:1 -f ../Dockerfile .. && cd ..
docker build -t rebased/app .
# The builder image is used again: its --target build is kept.
docker run --rm rebased/builder:1 cat /etc/config
