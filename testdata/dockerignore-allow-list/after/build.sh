#!/bin/sh
set -e
docker build -t allow/app .
