#!/bin/bash
docker build -t acme/builder -f Dockerfile.build .
docker create --name extract acme/builder
pushd out; docker cp extract:/go/src/github.com/alexellis/href-counter/app ./app; popd
docker rm -f extract
docker build -t acme/app .
