#!/bin/sh
set -e
docker build -t inline/app .
