#!/bin/sh
set -e
docker build -t nonroot/app .
