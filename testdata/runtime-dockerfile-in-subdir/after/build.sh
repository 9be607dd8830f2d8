#!/bin/sh
set -e
docker build -t sub/app -f docker/Dockerfile .
