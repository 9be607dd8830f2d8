#!/bin/sh
set -e
DOCKER_BUILDKIT=1 docker build -t rmount/app .
