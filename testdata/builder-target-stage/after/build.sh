#!/bin/sh
set -e
# The builder Dockerfile has a test stage after the build stage; only "compile" is extracted from.
docker build -t target/app:1 -t target/app:latest .
