#!/bin/sh
set -e
docker build -t named/app .
