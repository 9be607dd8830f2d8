#!/bin/sh
set -e
make bin/app
docker build -t cross/app .
