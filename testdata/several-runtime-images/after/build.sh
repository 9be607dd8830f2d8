#!/bin/sh
set -e

docker build -t multi/server -f Dockerfile.server .
docker build -t multi/cli -f Dockerfile.cli .
