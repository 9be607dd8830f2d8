#!/bin/sh
set -e
docker build -t names/app .
