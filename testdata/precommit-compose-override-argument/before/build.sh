#!/bin/sh
set -e
docker-compose run builder
docker build -t app .
