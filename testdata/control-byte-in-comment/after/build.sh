#!/bin/sh
set -e
docker build -t ctx/app .
