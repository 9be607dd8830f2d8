#!/bin/sh
set -e
docker build -t plain/app .
