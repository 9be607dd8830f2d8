#!/bin/sh
set -e
TOOLCHAIN=org/toolchain:1.2
docker build --pull -t org/app .
