#!/bin/sh
set -e
sudo docker build -t spell/app .
