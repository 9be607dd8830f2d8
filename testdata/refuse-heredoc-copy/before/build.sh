#!/bin/sh
docker build -t heredoc/builder -f Dockerfile.build .
docker create --name heredoc-x heredoc/builder
docker cp heredoc-x:/app ./app
docker rm heredoc-x
docker build -t heredoc/app .
