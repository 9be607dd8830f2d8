#!/bin/sh
set -e
docker build -t spc/app .
