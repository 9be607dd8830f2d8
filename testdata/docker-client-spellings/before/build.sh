#!/bin/sh
set -e
DOCKER_BUILDKIT=1 ${DOCKER:-docker} build -t spell/builder -f Dockerfile.build .
${DOCKER:-docker} create --name spell-x spell/builder
${DOCKER:-docker} cp spell-x:/out/app ./app
${DOCKER:-docker} rm spell-x
DOCKER_BUILDKIT=1 ${DOCKER:-docker} build -t spell/app .
rm app
