#!/bin/sh
set -e
docker build -t jar/app .
