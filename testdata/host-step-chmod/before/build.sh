#!/bin/sh
docker build -t chmod/builder -f Dockerfile.build .
docker create --name chmod-x chmod/builder
docker cp chmod-x:/app ./app
docker rm chmod-x
chmod 0700 app
docker build -t chmod/app .
rm app
