#!/bin/sh
set -e
# The container side runs in a shell: cd first, then tar to stdout.
docker build -t wrap/app:latest .
