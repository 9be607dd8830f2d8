#!/bin/sh
set -e
docker build -t lookup/builder -f Dockerfile.build .
docker create --name lookup-x lookup/builder
docker cp lookup-x:/out/app ./app
docker build -t lookup/app .
docker rm $(docker ps -aq --filter name=lookup-x)
