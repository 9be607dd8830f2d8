#!/bin/sh
set -e
docker build -t jf/app .
