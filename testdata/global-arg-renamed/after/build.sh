#!/bin/sh
set -e
docker build --build-arg IMAGE_BUILDER=golang:1.7.3 -t garg/app .
