#!/bin/sh
set -e
docker build -t v/builder "builders/${LANG_NAME}"
id=$(docker create v/builder)
docker cp "$id":/out/app ./app
docker rm "$id"
docker build -t v/app .
