#!/bin/sh
set -e
VERSION=$(cat VERSION)
docker build -t rt/app .
