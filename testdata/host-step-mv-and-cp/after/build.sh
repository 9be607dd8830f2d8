#!/bin/sh
set -e
mkdir -p bin
docker build -t mvcp/app .
rm -rf bin
