#!/bin/sh
set -e
# "app" here is /app, not /src/app: docker cp resolves it from the container's root.
docker build -t relpath/app .
