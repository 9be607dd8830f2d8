#!/bin/sh
set -e
docker build -t stdout/app .
