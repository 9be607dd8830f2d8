#!/bin/sh
set -e
docker build -t inline/builder -f Dockerfile.build .
docker cp "$(docker create inline/builder)":/work/app ./app
docker build -t inline/app .
rm ./app
