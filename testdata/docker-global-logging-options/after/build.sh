#!/bin/sh
set -e
docker --log-level warn build -t quiet/app:latest .
