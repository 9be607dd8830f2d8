#!/usr/bin/env bash
OUT=out
docker build -t acme/builder -f Dockerfile.build .
docker create --name extract acme/builder
pushd "$OUT" >/dev/null
docker cp extract:/go/src/github.com/alexellis/href-counter/app app
popd >/dev/null
docker rm -f extract
docker build -t acme/app .
