#!/bin/sh
set -e
docker build -t tgz/app .
