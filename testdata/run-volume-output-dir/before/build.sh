#!/bin/sh
set -e
docker run --rm -v "$(pwd)/out:/out" local/build:1 cp /etc/passwd /out/passwd.txt
docker build -t outdir/app .
rm -rf out
