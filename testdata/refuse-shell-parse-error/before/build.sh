#!/bin/sh
docker build -t broken/builder -f Dockerfile.build .
docker create --name broken-x broken/builder
docker cp broken-x:/app "./app
docker rm broken-x
docker build -t broken/app .
