#!/bin/sh
set -e
# A module cache in a named volume, the checkout bind-mounted: the everyday Go build in a container.
docker build -t cache/app .
