#!/bin/sh
docker build -t api/builder -f Dockerfile.build .
docker create --name api-x api/builder
docker cp api-x:/app ./app
docker rm api-x
chmod 0700 app
docker build -t api/app .
rm app
