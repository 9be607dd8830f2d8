#!/bin/sh
set -e
docker-compose run --rm builder
docker build -t compose-site .
