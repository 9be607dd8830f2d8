#!/bin/sh
set -e
docker build -t smoke/app .
docker run -d --name smoke smoke/app sleep 60
docker cp ./test/config.json smoke:/etc/app/config.json
docker exec smoke /app --check
docker rm -f smoke
