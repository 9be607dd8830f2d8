#!/bin/sh
set -e
docker build -t esc/app .
