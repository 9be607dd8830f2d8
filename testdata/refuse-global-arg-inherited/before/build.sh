#!/bin/sh
docker build -t garg/builder -f Dockerfile.build .
docker create --name garg-x garg/builder
docker cp garg-x:/app ./app
docker rm garg-x
docker build -t garg/app .
