#!/bin/sh
set -e
# docker cp streams a tar of dist/ itself; tar unpacks it into out/.
docker build -t stream/app .
