#!/bin/sh
set -e
docker build -t tc/app .
