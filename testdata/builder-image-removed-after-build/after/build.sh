#!/bin/sh
set -e
docker build -t rmi/app .
# Leave no builder image behind.
