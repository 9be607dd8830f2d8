#!/bin/sh
set -e
docker build -t outdir/app .
