#!/bin/sh
docker build -t twice/builder -f Dockerfile.build .
docker create --name twice-x twice/builder
docker cp twice-x:/app ./app
docker rm twice-x
docker build -t twice/app .
