#!/bin/sh
set -e
docker -D build -t quiet/builder -f Dockerfile.build .
docker --log-level warn create --name quiet-x quiet/builder
docker -l error cp quiet-x:/out/app ./app
docker --log-level=error rm quiet-x
docker --log-level warn build -t quiet/app:latest .
