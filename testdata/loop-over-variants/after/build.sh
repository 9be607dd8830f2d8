#!/bin/sh
set -e
# One image per variant.
for variant in small large; do
  echo "building $variant"
  docker build --build-arg VARIANT=$variant -t loop/app:$variant .
done
