#!/bin/sh
set -e
docker build -t dircont/app .
