#!/bin/sh
set -e
docker build -t dirmiss/app .
