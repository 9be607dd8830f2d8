#!/bin/sh
set -e
ENGINE=${CONTAINER_ENGINE:-nerdctl}
$ENGINE build --tag envc/app:latest .
