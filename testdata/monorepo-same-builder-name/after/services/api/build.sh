#!/bin/sh
docker build -t api/app .
