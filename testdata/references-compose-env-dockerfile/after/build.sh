#!/bin/sh
set -e
docker build -t acme/app:latest .
