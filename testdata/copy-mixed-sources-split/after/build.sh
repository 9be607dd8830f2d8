#!/bin/sh
set -e
docker build -t mixed/app .
