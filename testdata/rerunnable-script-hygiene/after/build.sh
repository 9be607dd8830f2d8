#!/bin/sh
set -e
# Safe to run twice: clear what a failed run left behind.
docker build -t hygiene/app .
