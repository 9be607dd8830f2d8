#!/bin/sh
docker build -t stdin/builder - < Dockerfile.build
docker create --name stdin-x stdin/builder
docker cp stdin-x:/app ./app
docker rm stdin-x
docker build -t stdin/app .
rm app
