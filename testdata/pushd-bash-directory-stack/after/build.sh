#!/bin/bash
set -e
pushd out
popd
docker build -t acme/app .
