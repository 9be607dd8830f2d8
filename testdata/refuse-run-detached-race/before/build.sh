#!/bin/sh
docker build -t race/builder -f Dockerfile.build .
docker run -d --name race-x race/builder sh -c 'sleep 1; echo late > /app'
docker cp race-x:/app ./app
docker rm -f race-x
docker build -t race/app .
rm app
