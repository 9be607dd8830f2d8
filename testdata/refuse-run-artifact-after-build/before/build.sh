#!/bin/sh
docker build -t runit/builder -f Dockerfile.build .
docker create --name runit-x runit/builder
docker cp runit-x:/app ./app
docker rm runit-x
docker build -t runit/app .
./app --version
