#!/bin/sh
set -e
docker build -t chain/builder -f Dockerfile.build . && echo "builder ready"
docker create --name chain-x chain/builder && docker cp chain-x:/app.bin ./app.bin && docker rm chain-x
docker build -t chain/app . && rm app.bin
echo done
