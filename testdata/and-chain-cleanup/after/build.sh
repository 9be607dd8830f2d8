#!/bin/sh
set -e
echo "builder ready"
docker build -t chain/app .
echo done
