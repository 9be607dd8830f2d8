#!/bin/sh
set -e
docker build -t tool/builder -f tools/Dockerfile tools
docker create --name tool-x tool/builder
docker cp tool-x:/out/tool svc/tool
docker rm tool-x
docker build -t tool/app svc
rm svc/tool
