#!/bin/sh
# Both builds target linux/amd64 (an Apple Silicon laptop shipping to amd64 servers).
set -e
docker build --platform linux/amd64 -t plat/app:latest .
