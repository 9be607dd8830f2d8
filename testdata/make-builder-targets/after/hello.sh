#!/bin/sh
echo "hello from acme/app"
