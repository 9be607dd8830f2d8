#!/bin/bash
set -e
. scripts/lib.sh
extract_artifact acme/builder /out/app ./app
docker build -t x .

