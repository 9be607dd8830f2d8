#!/bin/sh
set -e
# Build in a stock toolchain container with the checkout mounted, then package the binary.
docker build -t runvol/app .
