#!/bin/sh
set -e
# The image's CMD builds into the mounted dist/.
docker build -t web:latest .
