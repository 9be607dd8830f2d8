#!/bin/sh
set -e
docker run --rm -v "$(pwd)/out:/out" Local/Build:1 cp /etc/passwd /out/passwd.txt
docker build -t outdir/app .
rm -rf out
