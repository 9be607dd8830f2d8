#!/bin/sh
echo "hello from example/app"
