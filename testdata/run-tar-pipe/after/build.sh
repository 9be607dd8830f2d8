#!/bin/sh
set -e
docker build -t tarpipe/app .
