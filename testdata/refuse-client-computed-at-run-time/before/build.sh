#!/bin/sh
# Whichever client the machine has: known only when the script runs.
set -e
ENGINE=$(command -v podman || command -v docker)
"$ENGINE" build --file Dockerfile.build --tag runc/builder .
"$ENGINE" create --name runc-x runc/builder
"$ENGINE" cp runc-x:/go/src/app/out/app ./app
"$ENGINE" rm runc-x
"$ENGINE" build --tag runc/app:latest .
