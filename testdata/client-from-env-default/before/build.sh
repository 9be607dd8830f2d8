#!/bin/sh
set -e
ENGINE=${CONTAINER_ENGINE:-nerdctl}
$ENGINE build --file Dockerfile.build --tag envc/builder .
$ENGINE container create --name envc-x envc/builder
$ENGINE container cp envc-x:/go/src/app/out/app ./app
$ENGINE container rm envc-x
$ENGINE build --tag envc/app:latest .
