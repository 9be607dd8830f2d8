#!/bin/sh
set -e
# Two toolchains, two containers, one runtime image.

docker build -t multi/app .
