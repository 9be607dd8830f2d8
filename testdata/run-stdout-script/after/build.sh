#!/bin/sh
set -e
docker build -t stdout2/app .
