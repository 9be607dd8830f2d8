#!/bin/sh
set -e
docker build -t numbered/app .
