#!/bin/sh
set -e
docker build -t compose-site .
