#!/bin/sh
docker build -t cf/builder -f Dockerfile.build .
docker create --name cf-x cf/builder
if [ -n "$DEBUG" ]; then
  docker cp cf-x:/app.debug ./app
else
  docker cp cf-x:/app ./app
fi
docker rm cf-x
docker build -t cf/app -f ../svc/Dockerfile .
