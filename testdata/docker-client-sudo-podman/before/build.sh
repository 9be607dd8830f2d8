#!/bin/sh
set -e
sudo -E docker build -t spell/builder -f Dockerfile.build .
podman create --name spell-x spell/builder
sudo /usr/bin/docker cp spell-x:/out/app ./app
podman rm spell-x
sudo docker build -t spell/app .
