#!/bin/sh
set -e
DOCKER_BUILDKIT=1 ${DOCKER:-docker} build -t spell/app .
