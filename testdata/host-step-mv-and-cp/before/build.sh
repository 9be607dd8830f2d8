#!/bin/sh
set -e
docker build -t mvcp/builder -f Dockerfile.build .
docker create --name mvcp-x mvcp/builder
docker cp mvcp-x:/build/server ./server
docker rm mvcp-x
mkdir -p bin
mv server bin/
cp -p bin/server bin/server-debug
chmod -R u+w,go-w bin/server-debug
docker build -t mvcp/app .
rm -rf bin
