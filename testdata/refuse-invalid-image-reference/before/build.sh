#!/bin/sh
set -e
docker create --name tc-x Acme/Toolchain:1.2
docker cp tc-x:/opt/tool ./tool
docker rm tc-x
docker build -t acme/app .
rm tool
